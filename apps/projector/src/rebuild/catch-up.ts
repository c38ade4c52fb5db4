/**
 * Applies to the version being built the events the live projector recorded after a position, found by
 * their topic position (offsets are written in the same transaction as the events, so a position is exact).
 */
import { projectEvents, Queryable } from '../store/project-events';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from './event-rows';
import { RebuildError } from './rebuild-error';

/** Next offset per partition: every event before it is in the version being built. */
export type Positions = ReadonlyMap<number, bigint>;

const PAGE = 5_000;

export async function readPositions(q: Queryable): Promise<{ positions: Positions; events: number }> {
  const rows: { topic: string; partition: number; next_offset: string; events_applied: string }[] = await q.query(
    'SELECT topic, partition, next_offset, events_applied FROM projector_offsets',
  );
  const topics = new Set(rows.map((r) => r.topic));
  if (topics.size > 1) throw new RebuildError(`this database projects ${topics.size} topics (${[...topics].join(', ')}); a rebuild needs one topic per database`);
  return {
    positions: new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)])),
    events: rows.reduce((n, r) => n + Number(r.events_applied), 0),
  };
}

/**
 * Projects the events between `from` and the projector's current positions. With `ownTransactions` each
 * page commits on its own; otherwise everything runs in the caller's transaction (the switch).
 */
export async function catchUp(q: Queryable, from: Positions, ownTransactions: boolean): Promise<{ applied: number; positions: Positions }> {
  const { positions } = await readPositions(q);
  let applied = 0;
  for (const [partition, end] of positions) {
    let next = from.get(partition) ?? 0n;
    while (next < end) {
      const rows: (EventRow & { topic_offset: string })[] = await q.query(
        `SELECT ${EVENT_COLUMNS}, topic_offset FROM events
          WHERE topic_partition = $1 AND topic_offset >= $2 AND topic_offset < $3 ORDER BY topic_offset LIMIT ${PAGE}`,
        [partition, next.toString(), end.toString()],
      );
      if (rows.length === 0) break;
      if (ownTransactions) await q.query('BEGIN');
      try {
        await projectEvents(q, rows.map(toRecordedEvent));
        if (ownTransactions) await q.query('COMMIT');
      } catch (e) {
        if (ownTransactions) await q.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      applied += rows.length;
      next = BigInt(rows[rows.length - 1].topic_offset) + 1n;
    }
  }
  return { applied, positions };
}
