/** An alert rule as stored and as the API shows it. */
import { IndicatorName, LevelGroup, TargetYear } from '@app/indicators';
import { ruleThreshold } from './alert-condition';

export const ALERT_WINDOWS = ['today', 'month', 'last7days', 'last30days'] as const;
export type AlertWindow = (typeof ALERT_WINDOWS)[number];
export const ALERT_DIRECTIONS = ['below', 'above'] as const;
export type AlertDirection = (typeof ALERT_DIRECTIONS)[number];
export const TARGET_YEARS = ['2025', '2030'] as const satisfies readonly TargetYear[];
export type RuleState = 'ok' | 'breached';

export interface AlertRule {
  id: string;
  indicator: IndicatorName;
  /** Only for workfileElectronicRate: the ratio of one level group instead of the overall one. */
  level: LevelGroup | null;
  agency: string;
  /** Exactly one of threshold and target is set. */
  threshold: number | null;
  target: TargetYear | null;
  window: AlertWindow;
  direction: AlertDirection;
  minDenominator: number;
  webhookUrl: string;
  createdAt: Date;
  state: RuleState;
  stateChangedAt: Date | null;
}

export interface AlertRuleRow {
  id: string;
  indicator: IndicatorName;
  level: LevelGroup | null;
  agency_code: string;
  threshold: number | null;
  target: TargetYear | null;
  time_window: AlertWindow;
  direction: AlertDirection;
  min_denominator: number;
  webhook_url: string;
  created_at: Date;
  state: RuleState;
  state_changed_at: Date | null;
}

export const ruleFromRow = (r: AlertRuleRow): AlertRule => ({
  id: r.id,
  indicator: r.indicator,
  level: r.level,
  agency: r.agency_code,
  threshold: r.threshold,
  target: r.target,
  window: r.time_window,
  direction: r.direction,
  minDenominator: r.min_denominator,
  webhookUrl: r.webhook_url,
  createdAt: r.created_at,
  state: r.state,
  stateChangedAt: r.state_changed_at,
});

/** The JSON of a rule: `threshold` is always the number compared against (the plan's minimum for a `target`). */
export interface AlertRuleView {
  id: string;
  indicator: IndicatorName;
  level?: LevelGroup;
  agency: string;
  threshold: number | null;
  target?: TargetYear;
  window: AlertWindow;
  direction: AlertDirection;
  minDenominator: number;
  webhookUrl: string;
  createdAt: string;
  state: RuleState;
  stateChangedAt: string | null;
}

export const ruleView = (r: AlertRule): AlertRuleView => ({
  id: r.id,
  indicator: r.indicator,
  ...(r.level ? { level: r.level } : {}),
  agency: r.agency,
  threshold: ruleThreshold(r) ?? null,
  ...(r.target ? { target: r.target } : {}),
  window: r.window,
  direction: r.direction,
  minDenominator: r.minDenominator,
  webhookUrl: r.webhookUrl,
  createdAt: r.createdAt.toISOString(),
  state: r.state,
  stateChangedAt: r.stateChangedAt?.toISOString() ?? null,
});
