/**
 * Buckets are local calendar dates in Asia/Ho_Chi_Minh: UTC+07:00 all year, no daylight saving (SPEC §2).
 * Days are ISO date strings ("2026-03-01"), which sort and compare in calendar order.
 */
import { parseRfc3339 } from '@app/contract';

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** The last representable day. Later days (a far deadline such as 9999-12-31T23:00-05:00) are clamped to it. */
export const LAST_DAY = '9999-12-31';
const clamp = (ms: number): string => {
  const iso = new Date(ms).toISOString();
  return iso.startsWith('+') ? LAST_DAY : iso.slice(0, 10);
};

/** The local date of an instant given as normalised UTC ("2026-02-28T17:00:00.000000Z" → "2026-03-01"). */
export function localDayOfUtc(utc: string): string {
  return clamp(Date.parse(utc.slice(0, 23) + 'Z') + OFFSET_MS);
}

/** The local date of any RFC 3339 timestamp with offset, such as a `dueAt`. */
export function localDayOf(timestamp: string): string {
  const instant = parseRfc3339(timestamp);
  if (!instant) throw new RangeError(`not an RFC 3339 timestamp: ${timestamp}`);
  return localDayOfUtc(instant.utc);
}

export function addDays(day: string, days: number): string {
  return clamp(Date.parse(day + 'T00:00:00Z') + days * DAY_MS);
}

/** Today's local date for a clock reading. */
export function localToday(nowMs: number): string {
  return clamp(nowMs + OFFSET_MS);
}

export const maxDay = (a: string, b: string): string => (a > b ? a : b);
export const minDay = (a: string, b: string): string => (a < b ? a : b);
