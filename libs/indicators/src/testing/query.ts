/**
 * Test-only stand-in for the projector's store and the query side: accumulates `projectBatch` results
 * (after (source, id) de-duplication, as the database does) and sums counters exactly as a query would.
 */
import type { RecordedEvent } from '@app/contract';
import { COUNTERS, CounterDeltas, CounterTotals } from '../counters';
import type { DossierState } from '../dossier-state';
import { CatalogCounts, Indicators, LevelGroup, WorkfileCounts, computeIndicators, levelGroupOf } from '../indicators';
import { BatchEffects, projectBatch } from '../project-batch';
import type { AgencyRecord, ProcedureRecord } from '../reference-data';
import { ReportRow, StockTotals, reportRow } from '../report';

export interface Range {
  from: string;
  to: string;
}

/** Which agencies a query covers; undefined covers every agency. */
export type Scope = ((agency: string) => boolean) | undefined;

const inScope = (scope: Scope, agency: string): boolean => (scope ? scope(agency) : true);

/** Σ of every counter over the days of [from, to] and the agencies in scope. */
export function rangeTotals(deltas: CounterDeltas, { from, to }: Range, scope?: Scope): CounterTotals {
  return deltas.totals((a, d) => inScope(scope, a) && d >= from && d <= to);
}

/** The stock sums of a report: open before `from`, open at `to`, overdue at `to`. */
export function stockTotals(deltas: CounterDeltas, { from, to }: Range, scope?: Scope): StockTotals {
  const before = deltas.totals((a, d) => inScope(scope, a) && d < from);
  const upTo = deltas.totals((a, d) => inScope(scope, a) && d <= to);
  return {
    openBeforeFrom: before.opened - before.closed,
    openAtTo: upTo.opened - upTo.closed,
    overdueAtTo: upTo.overdue_from - upTo.overdue_to,
  };
}

/** The report row a query computes from the counters (overdueNow is a live figure, passed through). */
export function queryReport(deltas: CounterDeltas, range: Range, scope?: Scope, overdueNow = 0): ReportRow {
  return reportRow(rangeTotals(deltas, range, scope), stockTotals(deltas, range, scope), overdueNow);
}

export function workfilesByLevel(
  deltas: CounterDeltas,
  { from, to }: Range,
  agencies: ReadonlyMap<string, AgencyRecord>,
  scope?: Scope,
): Record<LevelGroup, WorkfileCounts> {
  const out: Record<LevelGroup, WorkfileCounts> = {
    provinceDepartment: { workfiles: 0, electronic: 0 },
    district: { workfiles: 0, electronic: 0 },
    commune: { workfiles: 0, electronic: 0 },
  };
  const wf = COUNTERS.indexOf('workfiles');
  const wfe = COUNTERS.indexOf('workfiles_electronic');
  for (const row of deltas.rowsSorted()) {
    if (!inScope(scope, row.agency) || row.day < from || row.day > to) continue;
    const group = levelGroupOf(agencies.get(row.agency)?.level ?? 'province');
    out[group].workfiles += row.values[wf];
    out[group].electronic += row.values[wfe];
  }
  return out;
}

export function catalogCounts(procedures: ReadonlyMap<string, ProcedureRecord>, scope?: Scope): CatalogCounts {
  const c: CatalogCounts = { procedures: 0, online: 0, feeRequired: 0, feeRequiredOnlinePayment: 0, fullOnline: 0, fullOnlineMobile: 0 };
  for (const p of procedures.values()) {
    if (!inScope(scope, p.agencyCode)) continue;
    c.procedures++;
    if (p.onlineLevel !== 'none') c.online++;
    if (p.feeRequired) {
      c.feeRequired++;
      if (p.onlinePayment) c.feeRequiredOnlinePayment++;
    }
    if (p.onlineLevel === 'full') {
      c.fullOnline++;
      if (p.mobile) c.fullOnlineMobile++;
    }
  }
  return c;
}

/** The agencies in the subtree of `root` in a tree given as a map of records (unregistered codes are roots). */
export function subtreeScope(root: string, agencies: ReadonlyMap<string, AgencyRecord>): (agency: string) => boolean {
  return (agency) => {
    const seen = new Set<string>();
    for (let a: string | null | undefined = agency; a && !seen.has(a); a = agencies.get(a)?.parentCode) {
      if (a === root) return true;
      seen.add(a);
    }
    return false;
  };
}

/** An in-memory store fed batch by batch, as the projector feeds PostgreSQL. */
export class ProjectedStore {
  readonly dossiers = new Map<string, DossierState>();
  readonly agencies = new Map<string, AgencyRecord>();
  readonly procedures = new Map<string, ProcedureRecord>();
  /** The running sum of every batch's deltas: the `agency_day_counters` table. */
  readonly counters = new CounterDeltas();
  private readonly seen = new Set<string>();

  /** Projects one batch: drops events already stored (or repeated within the batch), then applies the effects. */
  ingest(events: readonly RecordedEvent[]): BatchEffects {
    const fresh: RecordedEvent[] = [];
    for (const e of events) {
      const key = `${e.source}\u0000${e.id}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      fresh.push(e);
    }
    const fx = projectBatch(fresh, { dossiers: this.dossiers, agencies: this.agencies, procedures: this.procedures });
    for (const [k, v] of fx.dossiers) this.dossiers.set(k, v);
    for (const [k, v] of fx.agencies) this.agencies.set(k, v);
    for (const [k, v] of fx.procedures) this.procedures.set(k, v);
    addInto(this.counters, fx.deltas);
    return fx;
  }

  report(range: Range, scope?: Scope, overdueNow = 0): ReportRow {
    return queryReport(this.counters, range, scope, overdueNow);
  }

  totals(range: Range, scope?: Scope): CounterTotals {
    return rangeTotals(this.counters, range, scope);
  }

  indicators(range: Range, scope?: Scope): Indicators {
    return computeIndicators({
      totals: rangeTotals(this.counters, range, scope),
      workfilesByLevel: workfilesByLevel(this.counters, range, this.agencies, scope),
      catalog: catalogCounts(this.procedures, scope),
    });
  }

  /** Non-zero counters per (agency, day), for comparing stores. */
  snapshot(): Record<string, Partial<CounterTotals>> {
    return counterSnapshot(this.counters);
  }
}

export function addInto(target: CounterDeltas, source: CounterDeltas): void {
  for (const row of source.rowsSorted()) {
    COUNTERS.forEach((c, i) => {
      if (row.values[i] !== 0) target.add(row.agency, row.day, c, row.values[i]);
    });
  }
}

/** `{ "agency|day": { counter: value } }` with zero values (and all-zero rows) left out. */
export function counterSnapshot(deltas: CounterDeltas): Record<string, Partial<CounterTotals>> {
  const out: Record<string, Partial<CounterTotals>> = {};
  for (const row of deltas.rowsSorted()) {
    const values: Partial<CounterTotals> = {};
    COUNTERS.forEach((c, i) => {
      if (row.values[i] !== 0) values[c] = row.values[i];
    });
    if (Object.keys(values).length > 0) out[`${row.agency}|${row.day}`] = values;
  }
  return out;
}

/** Projects a set of events onto an empty store in one batch. */
export function projectAll(events: readonly RecordedEvent[]): ProjectedStore {
  const store = new ProjectedStore();
  store.ingest(events);
  return store;
}
