/** One row of the resolution report (SPEC §2, the periodic "06a" form) from summed counters. */
import type { CounterTotals } from './counters';

/** Counter sums the report needs besides those of the range itself. */
export interface StockTotals {
  /** Σ opened − Σ closed over days before `from`: open at the start of `from`. */
  openBeforeFrom: number;
  /** Σ opened − Σ closed over days up to and including `to`. */
  openAtTo: number;
  /** Σ overdue_from − Σ overdue_to over days up to and including `to`. */
  overdueAtTo: number;
}

export interface ReportRow {
  received: { online: number; inPerson: number; postal: number };
  carriedOver: number;
  resolved: { early: number; onTime: number; late: number };
  withdrawn: number;
  inProgress: { withinDeadline: number; overdue: number };
  overdueNow: number;
}

export function reportRow(inRange: CounterTotals, stock: StockTotals, overdueNow: number): ReportRow {
  return {
    received: { online: inRange.received_online, inPerson: inRange.received_in_person, postal: inRange.received_postal },
    carriedOver: stock.openBeforeFrom,
    resolved: { early: inRange.resolved_early, onTime: inRange.resolved_on_time, late: inRange.resolved_late },
    withdrawn: inRange.withdrawn,
    inProgress: { withinDeadline: stock.openAtTo - stock.overdueAtTo, overdue: stock.overdueAtTo },
    overdueNow,
  };
}
