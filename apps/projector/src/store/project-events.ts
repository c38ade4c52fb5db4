/**
 * Projects new, distinct events onto the stored state inside the caller's transaction: loads the state they
 * touch (locked), runs the indicator core and writes what changed. Table names are unqualified, so the same
 * statements write the serving tables or, with a rebuild's search_path, a new version of them.
 */
import type { RecordedEvent } from '@app/contract';
import { AgencyRecord, BatchEffects, COUNTERS, DossierState, ProcedureRecord, dossierColumns, projectBatch, stateKeys } from '@app/indicators';
import type { QueryRunner } from 'typeorm';
import * as sql from './projection-sql';

type CounterRow = { agency: string; day: string; values: number[] };
export type Queryable = Pick<QueryRunner, 'query'>;

export async function projectEvents(q: Queryable, events: readonly RecordedEvent[]): Promise<void> {
  const keys = stateKeys(events);
  const load = async <T>(query: string, ids: string[], key: 'id' | 'code'): Promise<Map<string, T>> =>
    ids.length === 0 ? new Map() : new Map((await q.query(query, [ids])).map((r: Record<string, unknown>) => [r[key] as string, r.state as T]));
  const stored = {
    dossiers: await load<DossierState>(sql.SELECT_DOSSIERS, keys.dossiers, 'id'),
    agencies: await load<AgencyRecord>(sql.SELECT_AGENCIES, keys.agencies, 'code'),
    procedures: await load<ProcedureRecord>(sql.SELECT_PROCEDURES, keys.procedures, 'code'),
  };
  const effects = projectBatch(events, stored);
  await writeEffects(q, effects, 'upsert');
  await writeCounters(q, effects.deltas.rowsSorted());
}

/**
 * Writes changed dossiers, agencies and procedures. `insert` is for a rebuild's bulk load, where each
 * subject is written once into tables that have no rows for it (and no unique index yet).
 */
export async function writeEffects(q: Queryable, effects: Omit<BatchEffects, 'deltas'>, mode: 'upsert' | 'insert'): Promise<void> {
  if (effects.dossiers.size > 0) {
    const ids = [...effects.dossiers.keys()].sort();
    const states = ids.map((id) => effects.dossiers.get(id)!);
    const columns = states.map(dossierColumns);
    await q.query(mode === 'upsert' ? sql.UPSERT_DOSSIERS : sql.INSERT_DOSSIERS, [
      ids, states.map((s) => JSON.stringify(s)), ...sql.DOSSIER_COLUMNS.map(([, , key]) => columns.map((c) => c[key])),
    ]);
  }
  if (effects.agencies.size > 0) {
    const rows = [...effects.agencies.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
    await q.query(mode === 'upsert' ? sql.UPSERT_AGENCIES : sql.INSERT_AGENCIES, [
      rows.map((a) => a.code), rows.map((a) => a.name), rows.map((a) => a.level), rows.map((a) => a.parentCode), rows.map((a) => JSON.stringify(a)),
    ]);
  }
  if (effects.procedures.size > 0) {
    const rows = [...effects.procedures.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
    await q.query(mode === 'upsert' ? sql.UPSERT_PROCEDURES : sql.INSERT_PROCEDURES, [
      rows.map((p) => p.code), rows.map((p) => p.agencyCode), rows.map((p) => p.feeRequired), rows.map((p) => p.onlinePayment),
      rows.map((p) => p.onlineLevel), rows.map((p) => p.mobile), rows.map((p) => JSON.stringify(p)),
    ]);
  }
}

/** Adds counter deltas; rows sorted by (agency, day) so that concurrent writers lock them in one order. */
export async function writeCounters(q: Queryable, rows: readonly CounterRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(sql.UPSERT_COUNTERS, [rows.map((r) => r.agency), rows.map((r) => r.day), ...COUNTERS.map((_, i) => rows.map((r) => r.values[i]))]);
}
