/**
 * The per-agency, per-local-day counters every indicator and the resolution report are summed from.
 * Each name is a column of `agency_day_counters`; the projector only ever adds signed deltas to them.
 */
export const COUNTERS = [
  // occurrences, bucketed by their own time
  'transfers',
  'transfers_electronic',
  'payments',
  'payments_online',
  'workfiles',
  'workfiles_electronic',
  // the received fact, bucketed by received time
  'received',
  'received_online',
  'received_in_person',
  'received_postal',
  'received_online_verified',
  'received_synced',
  // the resolved fact, bucketed by resolved time
  'resolved',
  'resolved_online',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  // other facts
  'withdrawn',
  'ratings',
  'ratings_satisfied',
  // stock: open dossiers on day d = sum(opened, ≤ d) − sum(closed, ≤ d); overdue likewise
  'opened',
  'closed',
  'overdue_from',
  'overdue_to',
] as const;

export type Counter = (typeof COUNTERS)[number];
export type CounterTotals = Record<Counter, number>;

const INDEX = new Map<Counter, number>(COUNTERS.map((c, i) => [c, i]));

export function emptyTotals(): CounterTotals {
  return Object.fromEntries(COUNTERS.map((c) => [c, 0])) as CounterTotals;
}

/** Signed counter changes keyed by (agency, day): what one batch adds to `agency_day_counters`. */
export class CounterDeltas {
  private readonly rows = new Map<string, { agency: string; day: string; values: number[] }>();

  add(agency: string, day: string, counter: Counter, delta = 1): void {
    const key = `${agency}\u0000${day}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { agency, day, values: new Array<number>(COUNTERS.length).fill(0) };
      this.rows.set(key, row);
    }
    row.values[INDEX.get(counter)!] += delta;
  }

  /** Non-zero rows, sorted by (agency, day) so that concurrent writers lock rows in one order. */
  rowsSorted(): { agency: string; day: string; values: number[] }[] {
    return [...this.rows.values()]
      .filter((r) => r.values.some((v) => v !== 0))
      .sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  /** Totals per counter over the rows that match a filter (used by tests and the reference model). */
  totals(filter: (agency: string, day: string) => boolean = () => true): CounterTotals {
    const totals = emptyTotals();
    for (const row of this.rows.values()) {
      if (!filter(row.agency, row.day)) continue;
      COUNTERS.forEach((c, i) => (totals[c] += row.values[i]));
    }
    return totals;
  }

  get size(): number {
    return this.rows.size;
  }
}
