import { ReportRow, reportRow } from '@app/indicators';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AgencyRef, SubtreeSums, SubtreeSumsReader } from '../../read-model/subtree-sums';
import { GetResolutionReportQuery } from './get-resolution-report.query';

export interface ResolutionReportRow extends ReportRow {
  agency: string;
  name: string;
  level: string;
  /** `subtree`: the agency with everything below it. */
  scope: 'subtree';
}

export interface ResolutionReport {
  agency: string;
  from: string;
  to: string;
  asOf: string;
  rows: ResolutionReportRow[];
}

/** The periodic resolution report (SPEC §2): the agency's subtree, then each direct child's subtree. */
@QueryHandler(GetResolutionReportQuery)
export class GetResolutionReportHandler implements IQueryHandler<GetResolutionReportQuery, ResolutionReport> {
  constructor(private readonly reader: SubtreeSumsReader) {}

  async execute({ agency, from, to, children, nowMs }: GetResolutionReportQuery): Promise<ResolutionReport> {
    const subtree = await this.reader.read(agency, from, to, nowMs);
    const rows = [row(subtree, subtree.agency), ...(children ? subtree.children.map((c) => row(subtree, c, c.code)) : [])];
    return { agency, from, to, asOf: new Date(nowMs).toISOString(), rows };
  }
}

function row(subtree: SubtreeSums, agency: AgencyRef, branch?: string): ResolutionReportRow {
  const { totals, stock, overdueNow } = subtree.sums(branch);
  return { agency: agency.code, name: agency.name, level: agency.level, scope: 'subtree', ...reportRow(totals, stock, overdueNow) };
}
