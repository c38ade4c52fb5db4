import type { IndicatorName, LevelGroup } from '@app/indicators';
import type { Part } from './indicator-items';

export class GetIndicatorItemsQuery {
  constructor(
    public readonly indicator: IndicatorName,
    public readonly part: Part,
    public readonly agency: string,
    public readonly from: string,
    public readonly to: string,
    public readonly level: LevelGroup | undefined,
    public readonly page: number,
    public readonly pageSize: number,
    public readonly nowMs: number,
  ) {}
}
