import { levelGroupOf } from '@app/indicators';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DrillDownReader, Item } from '../../read-model/drill-down';
import { GetIndicatorItemsQuery } from './get-indicator-items.query';
import { INDICATOR_ITEMS } from './indicator-items';

export interface IndicatorItemsResponse {
  indicator: string;
  part: string;
  agency: string;
  from: string;
  to: string;
  level?: string;
  asOf: string;
  /** Equals the indicator's numerator or denominator in GET /v1/indicators for the same agency, from and to. */
  total: number;
  page: number;
  pageSize: number;
  items: Item[];
}

/** The dossiers, events or procedures behind one indicator's numerator or denominator, paged. */
@QueryHandler(GetIndicatorItemsQuery)
export class GetIndicatorItemsHandler implements IQueryHandler<GetIndicatorItemsQuery, IndicatorItemsResponse> {
  constructor(private readonly reader: DrillDownReader) {}

  async execute(q: GetIndicatorItemsQuery): Promise<IndicatorItemsResponse> {
    const subtree = await this.reader.subtree(q.agency);
    const codes = subtree.filter((a) => q.level === undefined || levelGroupOf(a.level) === q.level).map((a) => a.code);
    const { total, items } = await this.reader.page(INDICATOR_ITEMS[q.indicator][q.part], {
      codes, from: q.from, to: q.to, nowMs: q.nowMs, page: q.page, pageSize: q.pageSize,
    });
    return {
      indicator: q.indicator, part: q.part, agency: q.agency, from: q.from, to: q.to, ...(q.level ? { level: q.level } : {}),
      asOf: new Date(q.nowMs).toISOString(), total, page: q.page, pageSize: q.pageSize, items,
    };
  }
}
