/** The local dates (Asia/Ho_Chi_Minh) a rule's window covers at a clock reading; windows roll over at local midnight. */
import { addDays, localToday } from '@app/indicators';
import type { AlertWindow } from './alert-rule';

export interface DateRange {
  from: string;
  to: string;
}

export function windowRange(window: AlertWindow, nowMs: number): DateRange {
  const today = localToday(nowMs);
  switch (window) {
    case 'today':
      return { from: today, to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'last7days':
      return { from: addDays(today, -6), to: today };
    case 'last30days':
      return { from: addDays(today, -29), to: today };
    default: {
      const unknown: never = window;
      throw new RangeError(`unknown alert window: ${String(unknown)}`);
    }
  }
}
