/**
 * Query latency at scale: a year of a province's history (default 10 million events) produced onto a topic
 * and projected by the real projector, then GET /v1/indicators for the province over the full year and the
 * resolution report with children, timed over many sequential requests (p50/p95/p99).
 * Targets (issue 3): indicators p95 ≤ 50 ms, report with children p95 ≤ 200 ms.
 */
import { toMessage } from '@app/contract';
import { SingleBar } from 'cli-progress';
import { DossierStream, buildProvince } from '../apps/simulator/src/generate';
import { databaseUrl, sql } from '../test/support/database';
import { FEED_END_MS } from '../test/support/feed';
import { produce } from '../test/support/kafka';
import { eventually } from '../test/support/processes';
import { TestStack } from '../test/support/stack';
import { createTopic, helpRequested, numberArg, report } from './bench-support';

const USAGE = `npm run bench:query -- [--events N (10000000)] [--iterations N (200)] [--keep] [--reuse DATABASE --topic TOPIC]
--keep leaves the loaded database (its name is printed) so that --reuse can time queries again without loading.
Needs the Kafka broker (npm run kafka:start) and PostgreSQL, and built services (npm run build).\n`;

const stringArg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};

function bar(label: string, total: number): SingleBar {
  const b = new SingleBar({ format: `${label.padEnd(10)} [{bar}] {percentage}% {value}/{total} events | {rate}/s | ETA {eta_formatted}`, hideCursor: true });
  b.start(total, 0, { rate: 0 });
  return b;
}

async function load(stack: TestStack, total: number): Promise<void> {
  const province = buildProvince(1, { code: 'QT' });
  const stream = new DossierStream({ seed: 99, province, mode: 'history', days: 365, endMs: FEED_END_MS, dossiersPerDay: Math.ceil(total / 5.6 / 365) });
  await createTopic(stack.topic);
  const produced = bar('produce', total);
  const t0 = Date.now();
  let sent = 0;
  await produce(stack.topic, province.events.map(toMessage));
  sent += province.events.length;
  while (sent < total && !stream.historyDone) {
    const chunk = stream.next(Math.min(20_000, total - sent), FEED_END_MS);
    await produce(stack.topic, chunk.map(toMessage));
    sent += chunk.length;
    produced.update(sent, { rate: Math.round(sent / ((Date.now() - t0) / 1000)) });
  }
  produced.stop();
  await stack.startApp('projector');
  const projected = bar('project', sent);
  const t1 = Date.now();
  await eventually('the projector to catch up', async () => {
    const s = await stack.status();
    const done = s.eventsApplied + s.duplicates + s.rejected;
    projected.update(done, { rate: Math.round(done / ((Date.now() - t1) / 1000)) });
    return s.lag === 0 && done >= sent ? true : undefined;
  }, 6 * 3_600_000, 1000);
  projected.stop();
  // After a bulk load, as a DBA would (autovacuum gets there on its own later): the timings are of steady state.
  for (const table of ['dossiers', 'agency_day_counters', 'events']) await stack.sql(`VACUUM (ANALYZE) ${table}`);
}

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] };
}

async function time(stack: TestStack, path: string, iterations: number): Promise<ReturnType<typeof percentiles>> {
  for (let i = 0; i < 10; i++) await stack.request('query-api', 'GET', path);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    const res = await stack.request('query-api', 'GET', path);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return percentiles(samples);
}

async function main(): Promise<void> {
  if (helpRequested(USAGE)) return;
  const total = numberArg('events', 10_000_000);
  const iterations = numberArg('iterations', 200);
  const reuse = stringArg('reuse');
  const stack = reuse
    ? new TestStack('bench_query', { DATABASE_URL: databaseUrl(reuse), KAFKA_TOPIC: stringArg('topic') ?? 'unused' })
    : new TestStack('bench_query');
  try {
    await stack.start(['query-api']);
    if (!reuse) await load(stack, total);
    const db = reuse ?? stack.database;
    const sizes = (await stack.request('query-api', 'GET', '/v1/status')).body;
    const [{ dossiers, counters, bytes }] = await sql<{ dossiers: string; counters: string; bytes: string }>(
      db,
      `SELECT (SELECT count(*) FROM dossiers)::bigint AS dossiers, (SELECT count(*) FROM agency_day_counters)::bigint AS counters, pg_database_size(current_database()) AS bytes`,
    );
    const year = ['2025-11-21', '2026-11-20'];
    const indicators = await time(stack, `/v1/indicators?agency=QT&from=${year[0]}&to=${year[1]}`, iterations);
    const reportChildren = await time(stack, `/v1/reports/resolution?agency=QT&from=${year[0]}&to=${year[1]}&children=true`, iterations);
    const seriesMonth = await time(stack, `/v1/indicators/series?agency=QT&from=${year[0]}&to=${year[1]}&interval=month`, iterations);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    report('query', [
      ['database', db],
      ['events applied', sizes.eventsApplied],
      ['dossiers', Number(dossiers)],
      ['agency-day counter rows', Number(counters)],
      ['database size (MiB)', Math.round(Number(bytes) / 2 ** 20)],
      ['indicators, province, full year: p50 / p95 / p99', `${ms(indicators.p50)} / ${ms(indicators.p95)} / ${ms(indicators.p99)}`],
      ['report with children, full year: p50 / p95 / p99', `${ms(reportChildren.p50)} / ${ms(reportChildren.p95)} / ${ms(reportChildren.p99)}`],
      ['series by month, full year: p50 / p95 / p99', `${ms(seriesMonth.p50)} / ${ms(seriesMonth.p95)} / ${ms(seriesMonth.p99)}`],
    ], { database: db, eventsApplied: sizes.eventsApplied, dossiers: Number(dossiers), counterRows: Number(counters), iterations, indicators, reportChildren, seriesMonth });
  } finally {
    const keep = process.argv.includes('--keep') || reuse !== undefined;
    await stack.stop({ keepDatabase: keep });
    if (keep && !reuse) process.stdout.write(`kept database ${stack.database} (topic ${stack.topic}); re-time with --reuse ${stack.database} --topic ${stack.topic}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
