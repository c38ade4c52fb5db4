/** The JSON a webhook receives, once per crossing. */
import type { IndicatorName, LevelGroup, Ratio } from '@app/indicators';
import type { AlertRule, AlertWindow } from './alert-rule';
import type { DateRange } from './alert-window';

export type NotificationState = 'breached' | 'resolved';

export interface AlertNotification {
  ruleId: string;
  state: NotificationState;
  indicator: IndicatorName;
  level?: LevelGroup;
  agency: string;
  window: AlertWindow;
  from: string;
  to: string;
  value: number | null;
  numerator: number;
  denominator: number;
  threshold: number;
  /** When the crossing was seen (ISO 8601 UTC). */
  at: string;
}

export const notificationOf = (
  rule: AlertRule, state: NotificationState, range: DateRange, r: Ratio, threshold: number, nowMs: number,
): AlertNotification => ({
  ruleId: rule.id,
  state,
  indicator: rule.indicator,
  ...(rule.level ? { level: rule.level } : {}),
  agency: rule.agency,
  window: rule.window,
  from: range.from,
  to: range.to,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  threshold,
  at: new Date(nowMs).toISOString(),
});
