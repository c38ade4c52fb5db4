import {
  CatalogCounts, Counter, CounterTotals, COUNTERS, Indicators, LEVEL_GROUPS, LevelGroup, ReportRow, WorkfileCounts,
  computeIndicators, emptyTotals, levelGroupOf, reportRow,
} from '@app/indicators';
import { NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { INDICATOR_SUMS } from '../../read-model/indicator-sums.sql';
import { GetIndicatorsQuery } from './get-indicators.query';

export interface IndicatorsResponse {
  agency: string;
  from: string;
  to: string;
  asOf: string;
  indicators: Indicators;
  report: ReportRow;
}

type SumsRow = Record<Counter | 'open_before_from' | 'open_at_to' | 'overdue_at_to', number> & { level: string };

@QueryHandler(GetIndicatorsQuery)
export class GetIndicatorsHandler implements IQueryHandler<GetIndicatorsQuery, IndicatorsResponse> {
  constructor(private readonly db: DataSource) {}

  async execute({ agency, from, to, nowMs }: GetIndicatorsQuery): Promise<IndicatorsResponse> {
    const [row]: { found: boolean; sums: SumsRow[]; catalog: CatalogCounts; overdue_now: number }[] = await this.db.query(INDICATOR_SUMS, [
      agency, from, to, new Date(nowMs).toISOString(),
    ]);
    if (!row.found) throw new NotFoundException({ error: 'not_found', message: `unknown agency: ${agency}` });

    const totals: CounterTotals = emptyTotals();
    const workfilesByLevel = Object.fromEntries(LEVEL_GROUPS.map((g) => [g, { workfiles: 0, electronic: 0 }])) as Record<LevelGroup, WorkfileCounts>;
    const stock = { openBeforeFrom: 0, openAtTo: 0, overdueAtTo: 0 };
    for (const s of row.sums) {
      for (const c of COUNTERS) totals[c] += Number(s[c]);
      const group = workfilesByLevel[levelGroupOf(s.level)];
      group.workfiles += Number(s.workfiles);
      group.electronic += Number(s.workfiles_electronic);
      stock.openBeforeFrom += Number(s.open_before_from);
      stock.openAtTo += Number(s.open_at_to);
      stock.overdueAtTo += Number(s.overdue_at_to);
    }
    const catalog = Object.fromEntries(Object.entries(row.catalog).map(([k, v]) => [k, Number(v)])) as unknown as CatalogCounts;
    return {
      agency,
      from,
      to,
      asOf: new Date(nowMs).toISOString(),
      indicators: computeIndicators({ totals, workfilesByLevel, catalog }),
      report: reportRow(totals, stock, row.overdue_now),
    };
  }
}
