import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DrillDownReader, Item } from '../../read-model/drill-down';
import { GetResolutionReportItemsQuery } from './get-resolution-report-items.query';
import { REPORT_COLUMN_ITEMS } from './report-columns';

export interface ResolutionReportItemsResponse {
  column: string;
  agency: string;
  from: string;
  to: string;
  asOf: string;
  /** Equals the column of the report's first row (the agency's subtree) for the same agency, from and to. */
  total: number;
  page: number;
  pageSize: number;
  items: Item[];
}

/** The dossiers behind one column of the resolution report, paged. */
@QueryHandler(GetResolutionReportItemsQuery)
export class GetResolutionReportItemsHandler implements IQueryHandler<GetResolutionReportItemsQuery, ResolutionReportItemsResponse> {
  constructor(private readonly reader: DrillDownReader) {}

  async execute(q: GetResolutionReportItemsQuery): Promise<ResolutionReportItemsResponse> {
    const codes = (await this.reader.subtree(q.agency)).map((a) => a.code);
    const { total, items } = await this.reader.page(REPORT_COLUMN_ITEMS[q.column], { codes, from: q.from, to: q.to, nowMs: q.nowMs, page: q.page, pageSize: q.pageSize });
    return { column: q.column, agency: q.agency, from: q.from, to: q.to, asOf: new Date(q.nowMs).toISOString(), total, page: q.page, pageSize: q.pageSize, items };
  }
}
