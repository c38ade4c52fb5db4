import {
  COUNTERS, Counter, IndicatorName, Indicators, LEVEL_GROUPS, LevelGroup, WorkfileCounts, buckets, computeIndicators, emptyTotals, levelGroupOf,
} from '@app/indicators';
import { BadRequestException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { SERIES_SUMS } from '../../read-model/series-sums.sql';
import { SubtreeSumsReader } from '../../read-model/subtree-sums';
import { GetIndicatorSeriesQuery } from './get-indicator-series.query';

export interface SeriesPoint {
  /** The bucket's part inside [from, to]. */
  from: string;
  to: string;
  indicators: Partial<Indicators>;
}

export interface SeriesResponse {
  agency: string;
  from: string;
  to: string;
  interval: string;
  points: SeriesPoint[];
}

@QueryHandler(GetIndicatorSeriesQuery)
export class GetIndicatorSeriesHandler implements IQueryHandler<GetIndicatorSeriesQuery, SeriesResponse> {
  constructor(private readonly db: DataSource, private readonly reader: SubtreeSumsReader) {}

  async execute({ agency, from, to, interval, names }: GetIndicatorSeriesQuery): Promise<SeriesResponse> {
    let plan;
    try {
      plan = buckets(from, to, interval);
    } catch (e) {
      throw new BadRequestException({ error: 'validation_failed', details: [{ path: 'interval', message: `${(e as Error).message}; use a coarser interval` }] });
    }
    const catalog = await this.reader.catalog(agency);
    const rows: (Record<Counter, string> & { bucket: string; level: string })[] = await this.db.query(SERIES_SUMS, [agency, from, to, interval]);
    const points = plan.map((b) => ({ ...b, totals: emptyTotals(), workfilesByLevel: emptyWorkfiles() }));
    const byStart = new Map(points.map((p) => [p.start, p]));
    for (const r of rows) {
      const p = byStart.get(r.bucket);
      if (!p) continue;
      for (const c of COUNTERS) p.totals[c] += Number(r[c]);
      const g = p.workfilesByLevel[levelGroupOf(r.level)];
      g.workfiles += Number(r.workfiles);
      g.electronic += Number(r.workfiles_electronic);
    }
    return {
      agency,
      from,
      to,
      interval,
      points: points.map((p) => ({ from: p.from, to: p.to, indicators: pick(computeIndicators({ totals: p.totals, workfilesByLevel: p.workfilesByLevel, catalog }), names) })),
    };
  }
}

const emptyWorkfiles = () => Object.fromEntries(LEVEL_GROUPS.map((g) => [g, { workfiles: 0, electronic: 0 }])) as Record<LevelGroup, WorkfileCounts>;

function pick(all: Indicators, names: readonly IndicatorName[]): Partial<Indicators> {
  return Object.fromEntries(names.map((n) => [n, all[n]])) as Partial<Indicators>;
}

