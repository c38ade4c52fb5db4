import type { ReportColumn } from './report-columns';

export class GetResolutionReportItemsQuery {
  constructor(
    public readonly column: ReportColumn,
    public readonly agency: string,
    public readonly from: string,
    public readonly to: string,
    public readonly page: number,
    public readonly pageSize: number,
    public readonly nowMs: number,
  ) {}
}
