/**
 * Rebuild and replay throughput: a projected database is rebuilt from its events table (`projector rebuild`),
 * and the same topic is replayed into an empty database (`projector replay`), beside the limits on the same
 * machine: PostgreSQL reading the log sorted as the rebuild reads it, a PostgreSQL COPY of the same rows, and
 * kafka-consumer-perf-test on the same topic.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { databaseUrl, dropDatabase } from '../test/support/database';
import { historyEvents } from '../test/support/feed';
import { runProjectorCli } from '../test/support/projector-cli';
import { consumerPerfTest, copyRowsPerSecond, helpRequested, numberArg, report, watchPeakRss } from './bench-support';
import { measureProjection } from './projection-run';

const exec = promisify(execFile);
const USAGE = `npm run bench:rebuild -- [--events N (1000000)] [--reuse DATABASE]
--reuse rebuilds an existing projected database (e.g. one left by \`bench:query --keep\`) instead of filling one;
it times the rebuild and the sorted read only.
Needs the Kafka broker (npm run kafka:start) and PostgreSQL, and built services (npm run build).\n`;

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await f();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The rebuild and, beside it, PostgreSQL reading the log as the rebuild reads it: sorted by subject, thrown away. */
async function rebuildBesideSortedRead(database: string, env: Record<string, string>) {
  let stopRss = () => null as number | null;
  const rebuild = await runProjectorCli(['rebuild', '--quiet'], { ...env, DATABASE_URL: databaseUrl(database) }, (pid) => (stopRss = watchPeakRss(pid)));
  const rss = stopRss();
  if (rebuild.status !== 0) throw new Error(`rebuild failed: ${rebuild.stderr}`);
  const sortedRead = await timed(() =>
    exec('psql', [databaseUrl(database), '-q', '-c',
      `\\copy (SELECT source, id, type, subject, time, data, extensions FROM events ORDER BY subject COLLATE "C") TO '/dev/null'`],
    { env: { ...process.env, PGOPTIONS: '-c work_mem=256MB -c jit=off' } }),
  );
  const result = rebuild.result;
  return { result, rss, sortedReadRate: (result.eventsLoaded + result.eventsCaughtUp) / sortedRead.seconds };
}

const rebuildRows = (r: any, sortedReadRate: number, rss: number | null): [string, string | number][] => [
  ['rebuild events/s (whole run: load, indexes, catch-up, switch)', r.eventsPerSecond],
  ['rebuild load phase events/s', r.loadEventsPerSecond],
  ['rebuild seconds', r.totalSeconds],
  ['dossiers; counter rows', `${r.dossiers.toLocaleString('en-US')}; ${r.counterRows.toLocaleString('en-US')}`],
  ['PostgreSQL sorted read of the log rows/s (\\copy to /dev/null)', Math.round(sortedReadRate)],
  ['ratio rebuild / sorted read', (r.eventsPerSecond / sortedReadRate).toFixed(3)],
  ['rebuild peak RSS (MiB)', rss === null ? 'n/a' : Math.round(rss)],
  ['hours for 265 M events at the rebuild rate', (265e6 / r.eventsPerSecond / 3600).toFixed(2)],
];

async function reuse(database: string): Promise<void> {
  const { result, rss, sortedReadRate } = await rebuildBesideSortedRead(database, { LOG_LEVEL: 'warn' });
  report('rebuild', [['database', database], ['events in the log', result.eventsLoaded + result.eventsCaughtUp], ...rebuildRows(result, sortedReadRate, rss)],
    { database, rebuild: result, sortedReadRate, rebuildRss: rss });
}

async function main(): Promise<void> {
  if (helpRequested(USAGE)) return;
  const reused = process.argv.indexOf('--reuse');
  if (reused > 0) return reuse(process.argv[reused + 1]);
  const total = numberArg('events', 1_000_000);
  const events = historyEvents(total, 13);
  const projection = await measureProjection('bench_rebuild', events);
  const { stack, distinct } = projection;
  const replayDb = `${stack.database}_replay`;
  try {
    await stack.stopApp('projector-0');
    const env = stack.env({ LOG_LEVEL: 'warn' });

    const { result: r, rss: rebuildRss, sortedReadRate } = await rebuildBesideSortedRead(stack.database, env);
    let stopRss = () => null as number | null;
    const replay = await runProjectorCli(['replay', '--quiet'], { ...env, DATABASE_URL: databaseUrl(replayDb) }, (pid) => (stopRss = watchPeakRss(pid)));
    const replayRss = stopRss();
    if (replay.status !== 0) throw new Error(`replay failed: ${replay.stderr}`);
    const copyRate = await copyRowsPerSecond(stack, events);
    const consumerRate = await consumerPerfTest(stack.topic, events.length);

    const p = replay.result;
    report('rebuild', [
      ['messages on the topic', events.length],
      ['distinct events in the log', distinct],
      ...rebuildRows(r, sortedReadRate, rebuildRss),
      ['PostgreSQL COPY rows/s (same rows into the events table)', Math.round(copyRate)],
      ['ratio rebuild / COPY', (r.eventsPerSecond / copyRate).toFixed(3)],
      ['replay messages/s (topic → empty database)', p.messagesPerSecond],
      ['kafka-consumer-perf-test messages/s', Math.round(consumerRate)],
      ['ratio replay / consumer perf tool', (p.messagesPerSecond / consumerRate).toFixed(3)],
      ['replay peak RSS (MiB)', replayRss === null ? 'n/a' : Math.round(replayRss)],
    ], { messages: events.length, distinct, rebuild: r, replay: p, sortedReadRate, copyRate, consumerRate, rebuildRss, replayRss });
  } finally {
    await stack.stop();
    await dropDatabase(replayDb);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
