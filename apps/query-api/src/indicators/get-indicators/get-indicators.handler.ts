import { Indicators, ReportRow, computeIndicators, reportRow } from '@app/indicators';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SubtreeSumsReader } from '../../read-model/subtree-sums';
import { GetIndicatorsQuery } from './get-indicators.query';

export interface IndicatorsResponse {
  agency: string;
  from: string;
  to: string;
  asOf: string;
  indicators: Indicators;
  report: ReportRow;
}

@QueryHandler(GetIndicatorsQuery)
export class GetIndicatorsHandler implements IQueryHandler<GetIndicatorsQuery, IndicatorsResponse> {
  constructor(private readonly reader: SubtreeSumsReader) {}

  async execute({ agency, from, to, nowMs }: GetIndicatorsQuery): Promise<IndicatorsResponse> {
    const subtree = await this.reader.read(agency, from, to, nowMs);
    const { totals, workfilesByLevel, stock, overdueNow } = subtree.sums();
    return {
      agency,
      from,
      to,
      asOf: new Date(nowMs).toISOString(),
      indicators: computeIndicators({ totals, workfilesByLevel, catalog: subtree.catalog }),
      report: reportRow(totals, stock, overdueNow),
    };
  }
}
