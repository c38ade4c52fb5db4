/**
 * Applies one partition's chunk of messages in a single PostgreSQL transaction: the new distinct events,
 * every projection they change, and the partition's next offset. The offset row is locked first, so a
 * redelivered or concurrently processed chunk (a rebalance, a zombie instance) applies nothing twice.
 */
import type { RecordedEvent } from '@app/contract';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { projectEvents } from './project-events';
import * as sql from './projection-sql';

export interface ChunkMessage {
  offset: string;
  /** Undefined when the message was dead-lettered. */
  event?: RecordedEvent;
}

export type ApplyResult =
  | { kind: 'applied'; nextOffset: string; applied: number; duplicates: number }
  | { kind: 'already-applied'; nextOffset: string }
  /** The stored position is before this chunk: the consumer must seek back to it. */
  | { kind: 'gap'; nextOffset: string };

@Injectable()
export class ProjectionStore {
  constructor(private readonly db: DataSource) {}

  async storedOffsets(topic: string): Promise<Map<number, string>> {
    const rows: { partition: number; next_offset: string }[] = await this.db.query(
      'SELECT partition, next_offset FROM projector_offsets WHERE topic = $1',
      [topic],
    );
    return new Map(rows.map((r) => [r.partition, String(r.next_offset)]));
  }

  /** `firstAllowed`: the lowest offset still on the topic, when the stored position fell to retention. */
  async apply(topic: string, partition: number, chunk: ChunkMessage[], firstAllowed?: string): Promise<ApplyResult> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ next_offset }] = await runner.query(sql.LOCK_OFFSET, [topic, partition]);
      const stored = BigInt(next_offset);
      const first = BigInt(chunk[0].offset);
      const last = BigInt(chunk[chunk.length - 1].offset);
      if (stored < first && !(firstAllowed !== undefined && BigInt(firstAllowed) >= first)) {
        await runner.rollbackTransaction();
        return { kind: 'gap', nextOffset: stored.toString() };
      }
      const fresh = chunk.filter((m) => BigInt(m.offset) >= stored);
      if (fresh.length === 0) {
        await runner.rollbackTransaction();
        return { kind: 'already-applied', nextOffset: stored.toString() };
      }
      const result = await this.applyFresh(runner, topic, partition, fresh, (last + 1n).toString());
      await runner.commitTransaction();
      return result;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
  }

  private async applyFresh(q: QueryRunner, topic: string, partition: number, fresh: ChunkMessage[], nextOffset: string): Promise<ApplyResult> {
    const offered = fresh.filter((m) => m.event !== undefined) as Required<ChunkMessage>[];
    const rejected = fresh.length - offered.length;

    // De-duplicate within the chunk (first occurrence wins), then against the event log.
    const seen = new Set<string>();
    const candidates = offered.filter((m) => {
      const key = `${m.event.source}\u0000${m.event.id}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    const inserted: { source: string; id: string }[] = candidates.length
      ? await q.query(sql.INSERT_EVENTS, [
          candidates.map((m) => m.event.source),
          candidates.map((m) => m.event.id),
          candidates.map((m) => m.event.type),
          candidates.map((m) => m.event.subject),
          candidates.map((m) => m.event.at),
          candidates.map((m) => JSON.stringify(m.event.data)),
          candidates.map((m) => (m.event.extensions ? JSON.stringify(m.event.extensions) : null)),
          partition,
          candidates.map((m) => m.offset),
        ])
      : [];
    const isNew = new Set(inserted.map((r) => `${r.source}\u0000${r.id}`));
    const events = candidates.filter((m) => isNew.has(`${m.event.source}\u0000${m.event.id}`)).map((m) => m.event);

    if (events.length > 0) await projectEvents(q, events);
    await q.query(sql.ADVANCE_OFFSET, [topic, partition, nextOffset, events.length, offered.length - events.length, rejected]);
    if (events.length > 0) await q.query(sql.NOTIFY_CHANGED, [JSON.stringify({ topic, partition, nextOffset, applied: events.length })]);
    return { kind: 'applied', nextOffset, applied: events.length, duplicates: offered.length - events.length };
  }
}
