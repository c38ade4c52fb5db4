/** The plan's targets (Decision 3028/QĐ-UBND, FIELD.md), in whole percent so that "met" is exact arithmetic. */
export type TargetYear = '2025' | '2030';
export type TargetsPercent = Partial<Record<TargetYear, number>>;

export interface Target {
  min: number;
  met: boolean | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
  targets?: Partial<Record<TargetYear, Target>>;
}

export function ratio(numerator: number, denominator: number, targets?: TargetsPercent): Ratio {
  const r: Ratio = { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
  if (targets && Object.keys(targets).length > 0) {
    r.targets = {};
    for (const [year, percent] of Object.entries(targets) as [TargetYear, number][]) {
      r.targets[year] = { min: percent / 100, met: denominator === 0 ? null : numerator * 100 >= percent * denominator };
    }
  }
  return r;
}
