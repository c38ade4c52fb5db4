import type { IndicatorName, Interval } from '@app/indicators';

export class GetIndicatorSeriesQuery {
  constructor(
    public readonly agency: string,
    public readonly from: string,
    public readonly to: string,
    public readonly interval: Interval,
    public readonly names: readonly IndicatorName[],
  ) {}
}
