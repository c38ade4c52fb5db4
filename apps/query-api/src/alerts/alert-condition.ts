/** When a rule is breached: the ratio it watches, the threshold it compares against, and the comparison. */
import {
  IndicatorName, Indicators, LEVEL_GROUPS, LevelGroup, Ratio, TargetYear, WorkfileCounts, computeIndicators, emptyTotals,
} from '@app/indicators';
import type { AlertDirection } from './alert-rule';

/** The indicator (or, for workfileElectronicRate, one level group of it) a rule watches. */
export function watchedRatio(indicators: Indicators, indicator: IndicatorName, level: LevelGroup | null): Ratio {
  return level ? indicators.workfileElectronicRate.byLevel[level] : indicators[indicator];
}

/** The plan's targets, read from the indicator core itself so that they are defined in one place only. */
const PLAN_TARGETS: Indicators = computeIndicators({
  totals: emptyTotals(),
  workfilesByLevel: Object.fromEntries(LEVEL_GROUPS.map((g) => [g, { workfiles: 0, electronic: 0 }])) as Record<LevelGroup, WorkfileCounts>,
  catalog: { procedures: 0, online: 0, feeRequired: 0, feeRequiredOnlinePayment: 0, fullOnline: 0, fullOnlineMobile: 0 },
});

/** The plan's minimum for an indicator (or level group) in a target year; undefined when the plan sets none. */
export const planMinimum = (indicator: IndicatorName, level: LevelGroup | null, year: TargetYear): number | undefined =>
  watchedRatio(PLAN_TARGETS, indicator, level).targets?.[year]?.min;

export const ruleThreshold = (r: { indicator: IndicatorName; level: LevelGroup | null; threshold: number | null; target: TargetYear | null }): number | undefined =>
  r.threshold ?? (r.target ? planMinimum(r.indicator, r.level, r.target) : undefined);

/**
 * Breached when there is enough data (denominator ≥ minDenominator) and the value lies strictly past the
 * threshold. Too little data is not a breach: an empty window never alerts, and a window that rolls over to
 * an empty day resolves.
 */
export function isBreached(r: Ratio, threshold: number, direction: AlertDirection, minDenominator: number): boolean {
  if (r.value === null || r.denominator < minDenominator) return false;
  return direction === 'below' ? r.value < threshold : r.value > threshold;
}
