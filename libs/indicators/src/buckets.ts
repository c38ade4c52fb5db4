/** Calendar buckets of local dates for series: day, ISO week (Monday first), month, quarter, year. */
import { addDays } from './local-day';

export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface Bucket {
  /** The bucket's first day, as PostgreSQL's date_trunc gives it. */
  start: string;
  /** The part of the bucket inside the query's [from, to]. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function bucketStart(day: string, interval: Interval): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  switch (interval) {
    case 'day':
      return day;
    case 'week': {
      const weekday = (new Date(day + 'T00:00:00Z').getUTCDay() + 6) % 7; // Monday = 0
      return addDays(day, -weekday);
    }
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'quarter':
      return `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`;
    case 'year':
      return `${y}-01-01`;
  }
}

function nextStart(start: string, interval: Interval): string {
  const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const monthsLater = (k: number) => `${y + Math.floor((m - 1 + k) / 12)}-${pad(((m - 1 + k) % 12) + 1)}-01`;
  switch (interval) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month':
      return monthsLater(1);
    case 'quarter':
      return monthsLater(3);
    case 'year':
      return `${y + 1}-01-01`;
  }
}

/** The buckets covering [from, to], each clipped to the range; throws past `max` buckets. */
export function buckets(from: string, to: string, interval: Interval, max = 1000): Bucket[] {
  const out: Bucket[] = [];
  for (let start = bucketStart(from, interval); start <= to; start = nextStart(start, interval)) {
    if (out.length === max) throw new RangeError(`more than ${max} ${interval} buckets between ${from} and ${to}`);
    const end = addDays(nextStart(start, interval), -1);
    out.push({ start, from: start < from ? from : start, to: end > to ? to : end });
  }
  return out;
}
