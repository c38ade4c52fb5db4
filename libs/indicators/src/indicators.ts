/** Every indicator of SPEC §2, computed from summed counters and the current procedure catalog. */
import type { CounterTotals } from './counters';
import { Ratio, TargetsPercent, ratio } from './targets';

export const INDICATOR_NAMES = [
  'electronicTransferRate',
  'onlinePaymentRate',
  'onlineReceivedRate',
  'onlineResolvedRate',
  'onTimeRate',
  'satisfactionRate',
  'identityVerifiedRate',
  'nationalSyncRate',
  'workfileElectronicRate',
  'proceduresOnlinePaymentRate',
  'proceduresOnlineRate',
  'proceduresMobileRate',
] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** Agency levels as the plan groups them for work files. */
export const LEVEL_GROUPS = ['provinceDepartment', 'district', 'commune'] as const;
export type LevelGroup = (typeof LEVEL_GROUPS)[number];
export const levelGroupOf = (level: string): LevelGroup =>
  level === 'district' ? 'district' : level === 'commune' ? 'commune' : 'provinceDepartment';

export interface WorkfileCounts {
  workfiles: number;
  electronic: number;
}

/** Counts over the current catalog of procedures in the agency's subtree. */
export interface CatalogCounts {
  procedures: number;
  online: number;
  feeRequired: number;
  feeRequiredOnlinePayment: number;
  fullOnline: number;
  fullOnlineMobile: number;
}

export interface IndicatorInputs {
  totals: CounterTotals;
  workfilesByLevel: Record<LevelGroup, WorkfileCounts>;
  catalog: CatalogCounts;
}

export type WorkfileRatio = Ratio & { byLevel: Record<LevelGroup, Ratio> };
export type Indicators = Record<Exclude<IndicatorName, 'workfileElectronicRate'>, Ratio> & {
  workfileElectronicRate: WorkfileRatio;
};

const WORKFILE_TARGETS: Record<LevelGroup, TargetsPercent> = {
  provinceDepartment: { '2025': 100, '2030': 100 },
  district: { '2025': 100, '2030': 100 },
  commune: { '2025': 80, '2030': 100 },
};

export function computeIndicators({ totals: t, workfilesByLevel, catalog: c }: IndicatorInputs): Indicators {
  const byLevel = Object.fromEntries(
    Object.entries(workfilesByLevel).map(([g, w]) => [g, ratio(w.electronic, w.workfiles, WORKFILE_TARGETS[g as LevelGroup])]),
  ) as Record<LevelGroup, Ratio>;
  return {
    electronicTransferRate: ratio(t.transfers_electronic, t.transfers, { '2025': 80 }),
    onlinePaymentRate: ratio(t.payments_online, t.payments, { '2025': 30, '2030': 50 }),
    onlineReceivedRate: ratio(t.received_online, t.received),
    onlineResolvedRate: ratio(t.resolved_online, t.resolved, { '2030': 80 }),
    onTimeRate: ratio(t.resolved_early + t.resolved_on_time, t.resolved),
    satisfactionRate: ratio(t.ratings_satisfied, t.ratings, { '2025': 90, '2030': 95 }),
    identityVerifiedRate: ratio(t.received_online_verified, t.received_online, { '2025': 100, '2030': 90 }),
    nationalSyncRate: ratio(t.received_synced, t.received, { '2025': 100, '2030': 100 }),
    workfileElectronicRate: { ...ratio(t.workfiles_electronic, t.workfiles, { '2030': 100 }), byLevel },
    proceduresOnlinePaymentRate: ratio(c.feeRequiredOnlinePayment, c.feeRequired, { '2025': 80, '2030': 100 }),
    proceduresOnlineRate: ratio(c.online, c.procedures, { '2025': 80, '2030': 90 }),
    proceduresMobileRate: ratio(c.fullOnlineMobile, c.fullOnline, { '2030': 100 }),
  };
}
