/**
 * Local time in Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving): formatting with the offset, local days,
 * working days (Monday to Friday; public holidays are not modelled) and office hours (07:30–11:30, 13:30–17:00).
 */
import type { Prng } from './prng';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = 7 * HOUR_MS;

/** RFC 3339 with the local offset, e.g. `2026-03-01T08:30:00.000+07:00`. */
export function formatLocal(ms: number): string {
  return new Date(Math.floor(ms) + OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** The instant of local midnight starting the local day that holds `ms`. */
export function localDayStart(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** 0 = Sunday ... 6 = Saturday, for the local day holding `ms`. */
export function localWeekday(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCDay();
}

export function isWorkingDay(ms: number): boolean {
  const d = localWeekday(ms);
  return d !== 0 && d !== 6;
}

/** Minutes since local midnight. */
export function localMinuteOfDay(ms: number): number {
  return Math.floor((ms - localDayStart(ms)) / 60_000);
}

/** The local day start `n` working days after the day holding `ms` (n = 0: that day if it is a working day, else the next one). */
export function addWorkingDays(ms: number, n: number): number {
  let day = localDayStart(ms);
  while (!isWorkingDay(day)) day += DAY_MS;
  for (let left = n; left > 0; ) {
    day += DAY_MS;
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** A uniformly random instant within the office hours of the local day starting at `dayStart`. */
export function officeTimeOn(prng: Prng, dayStart: number): number {
  const minute = prng.int(0, 240 + 210 - 1); // 240 morning minutes from 07:30, 210 afternoon minutes from 13:30
  const local = minute < 240 ? 450 + minute : 810 + (minute - 240);
  return dayStart + local * 60_000 + prng.int(0, 59_999);
}

/** The deadline instant on a local day: 17:00 local. */
export function deadlineOn(dayStart: number): number {
  return dayStart + 17 * HOUR_MS;
}
