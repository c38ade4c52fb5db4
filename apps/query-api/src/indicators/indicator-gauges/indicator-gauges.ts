/**
 * The plan's indicators of every top-level agency (no parent) as Prometheus gauges, for today and for this
 * month so far (local dates in Asia/Ho_Chi_Minh), read through the same read model and pure core as
 * `GET /v1/indicators`. They are computed when Prometheus scrapes, at most once per CACHE_MS (concurrent
 * scrapes share one computation), so a scrape stays cheap and the gauges are at most that stale.
 *
 * Series: `dossier_indicator_{numerator,denominator,value}{agency, indicator, window="today"|"month"}`;
 * `value` is absent when the denominator is 0 (SPEC's null). The work-file ratios by agency level carry an
 * extra `level` label (`provinceDepartment`, `district`, `commune`); the overall ratio has none, so select
 * `level=""` for one series per indicator. `dossier_indicator_target{indicator, year, level}` holds the
 * plan's minimums, the same for every agency.
 */
import { INDICATOR_NAMES, Indicators, LEVEL_GROUPS, Ratio, computeIndicators, emptyTotals, localToday } from '@app/indicators';
import { LOGGER, registry } from '@app/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { SubtreeSumsReader } from '../../read-model/subtree-sums';

export const CACHE_MS = 10_000;

type Window = 'today' | 'month';
interface Labels {
  indicator: string;
  level?: string;
}
interface Sample extends Labels {
  agency: string;
  window: Window;
  ratio: Ratio;
}

/** Each indicator's ratio, and the work-file ratio per level group. */
function flatten(indicators: Indicators): (Labels & { ratio: Ratio })[] {
  const out: (Labels & { ratio: Ratio })[] = INDICATOR_NAMES.map((indicator) => ({ indicator, ratio: indicators[indicator] }));
  for (const level of LEVEL_GROUPS) out.push({ indicator: 'workfileElectronicRate', level, ratio: indicators.workfileElectronicRate.byLevel[level] });
  return out;
}

let samples: () => Promise<Sample[]> = async () => [];

const labelNames = ['agency', 'indicator', 'window', 'level'] as const;
const ratioGauge = (name: string, help: string, pick: (r: Ratio) => number | null) =>
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      const current = await samples();
      this.reset();
      for (const { ratio, ...labels } of current) {
        const v = pick(ratio);
        if (v !== null) this.set(labels, v);
      }
    },
  });

export const indicatorValue = ratioGauge('dossier_indicator_value', 'Indicator value (numerator / denominator) of a top-level agency subtree; absent when the denominator is 0', (r) => r.value);
export const indicatorNumerator = ratioGauge('dossier_indicator_numerator', 'Indicator numerator of a top-level agency subtree', (r) => r.numerator);
export const indicatorDenominator = ratioGauge('dossier_indicator_denominator', 'Indicator denominator of a top-level agency subtree', (r) => r.denominator);

export const indicatorTarget = new Gauge({
  name: 'dossier_indicator_target',
  help: "The plan's minimum for an indicator, by target year",
  labelNames: ['indicator', 'year', 'level'] as const,
  registers: [registry],
});
// Targets do not depend on the counts: read them off the indicators of nothing.
const noCounts = { workfiles: 0, electronic: 0 };
const catalogOfNothing = { procedures: 0, online: 0, feeRequired: 0, feeRequiredOnlinePayment: 0, fullOnline: 0, fullOnlineMobile: 0 };
for (const { ratio, ...labels } of flatten(
  computeIndicators({ totals: emptyTotals(), workfilesByLevel: { provinceDepartment: noCounts, district: noCounts, commune: noCounts }, catalog: catalogOfNothing }),
)) {
  for (const [year, target] of Object.entries(ratio.targets ?? {})) indicatorTarget.set({ ...labels, year }, target.min);
}

@Injectable()
export class IndicatorGauges implements OnModuleInit {
  private cached?: { atMs: number; samples: Promise<Sample[]> };

  constructor(private readonly db: DataSource, private readonly reader: SubtreeSumsReader, @Inject(LOGGER) private readonly logger: Logger) {}

  onModuleInit(): void {
    samples = () => this.current(Date.now());
  }

  private current(nowMs: number): Promise<Sample[]> {
    if (this.cached && nowMs - this.cached.atMs < CACHE_MS) return this.cached.samples;
    const entry = {
      atMs: nowMs,
      samples: this.compute(nowMs).catch((e: Error) => {
        // Better no gauges than stale ones: the next scrape tries again.
        this.logger.warn({ err: e.message }, 'could not compute the indicator gauges');
        if (this.cached === entry) this.cached = undefined;
        return [];
      }),
    };
    this.cached = entry;
    return entry.samples;
  }

  private async compute(nowMs: number): Promise<Sample[]> {
    const today = localToday(nowMs);
    const windows: [Window, string][] = [['today', today], ['month', `${today.slice(0, 8)}01`]];
    const tops: { code: string }[] = await this.db.query('SELECT code FROM agencies WHERE parent_code IS NULL ORDER BY code');
    const out: Sample[] = [];
    for (const { code } of tops) {
      for (const [window, from] of windows) {
        const subtree = await this.reader.read(code, from, today, nowMs);
        const { totals, workfilesByLevel } = subtree.sums();
        for (const r of flatten(computeIndicators({ totals, workfilesByLevel, catalog: subtree.catalog }))) out.push({ agency: code, window, ...r });
      }
    }
    return out;
  }
}
