/**
 * RFC 3339 timestamps with an explicit offset ("Z" or ±hh:mm), as SPEC §1 requires for `time` and `dueAt`.
 * Instants are normalised to UTC with microsecond precision ("2026-01-01T00:00:00.000000Z"), the precision
 * PostgreSQL keeps, so that normalised strings compare in time order. Digits past the microsecond are dropped.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export interface Instant {
  /** UTC, microsecond precision, fixed width: sorts in time order as a string. */
  readonly utc: string;
  /** Milliseconds since the epoch (sub-millisecond part dropped). */
  readonly epochMs: number;
}

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number): number => (month === 2 && isLeap(year) ? 29 : DAYS[month - 1]);

export function parseRfc3339(text: string): Instant | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const micros = (m[7] ?? '').padEnd(6, '0').slice(0, 6);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, Number(micros.slice(0, 3)));
  const epochMs = local.getTime() - offsetMinutes * 60_000;
  const whole = new Date(epochMs - Math.trunc(Number(micros.slice(0, 3))));
  const utcYear = whole.getUTCFullYear();
  // Year 0000 has no PostgreSQL spelling (it counts 1 BC), and an offset may move an instant out of 0001-9999.
  if (Number.isNaN(utcYear) || utcYear < 1 || utcYear > 9999 || year < 1) return null;
  const utc = `${whole.toISOString().slice(0, 19)}.${micros}Z`;
  return { utc, epochMs };
}

export function isRfc3339(value: unknown): value is string {
  return typeof value === 'string' && parseRfc3339(value) !== null;
}
