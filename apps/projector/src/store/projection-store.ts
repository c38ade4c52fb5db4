/**
 * Applies one partition's chunk of messages in a single PostgreSQL transaction: the new distinct events,
 * every projection they change, and the partition's next offset. The offset row is locked first, so a
 * redelivered or concurrently processed chunk (a rebalance, a zombie instance) applies nothing twice.
 */
import type { RecordedEvent } from '@app/contract';
import { AgencyRecord, COUNTERS, DossierState, ProcedureRecord, dossierColumns, projectBatch, stateKeys } from '@app/indicators';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
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

    if (events.length > 0) await this.project(q, events);
    await q.query(sql.ADVANCE_OFFSET, [topic, partition, nextOffset, events.length, offered.length - events.length, rejected]);
    if (events.length > 0) await q.query(sql.NOTIFY_CHANGED, [JSON.stringify({ topic, partition, nextOffset, applied: events.length })]);
    return { kind: 'applied', nextOffset, applied: events.length, duplicates: offered.length - events.length };
  }

  private async project(q: QueryRunner, events: RecordedEvent[]): Promise<void> {
    const keys = stateKeys(events);
    const load = async <T>(query: string, ids: string[], key: 'id' | 'code'): Promise<Map<string, T>> =>
      ids.length === 0 ? new Map() : new Map((await q.query(query, [ids])).map((r: Record<string, unknown>) => [r[key] as string, r.state as T]));
    const stored = {
      dossiers: await load<DossierState>(sql.SELECT_DOSSIERS, keys.dossiers, 'id'),
      agencies: await load<AgencyRecord>(sql.SELECT_AGENCIES, keys.agencies, 'code'),
      procedures: await load<ProcedureRecord>(sql.SELECT_PROCEDURES, keys.procedures, 'code'),
    };
    const effects = projectBatch(events, stored);

    if (effects.dossiers.size > 0) {
      const ids = [...effects.dossiers.keys()].sort();
      const states = ids.map((id) => effects.dossiers.get(id)!);
      const columns = states.map(dossierColumns);
      await q.query(sql.UPSERT_DOSSIERS, [ids, states.map((s) => JSON.stringify(s)), ...sql.DOSSIER_COLUMNS.map(([, , key]) => columns.map((c) => c[key]))]);
    }
    if (effects.agencies.size > 0) {
      const rows = [...effects.agencies.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
      await q.query(sql.UPSERT_AGENCIES, [
        rows.map((a) => a.code), rows.map((a) => a.name), rows.map((a) => a.level), rows.map((a) => a.parentCode), rows.map((a) => JSON.stringify(a)),
      ]);
    }
    if (effects.procedures.size > 0) {
      const rows = [...effects.procedures.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
      await q.query(sql.UPSERT_PROCEDURES, [
        rows.map((p) => p.code), rows.map((p) => p.agencyCode), rows.map((p) => p.feeRequired), rows.map((p) => p.onlinePayment),
        rows.map((p) => p.onlineLevel), rows.map((p) => p.mobile), rows.map((p) => JSON.stringify(p)),
      ]);
    }
    const counterRows = effects.deltas.rowsSorted();
    if (counterRows.length > 0) {
      await q.query(sql.UPSERT_COUNTERS, [
        counterRows.map((r) => r.agency),
        counterRows.map((r) => r.day),
        ...COUNTERS.map((_, i) => counterRows.map((r) => r.values[i])),
      ]);
    }
  }
}
