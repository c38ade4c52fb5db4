/**
 * The demo feed CLI: `node dist/apps/simulator/main.js --help`.
 * Checks the ingest API, registers the province, obtains a producer key, then runs the feed.
 */
import 'reflect-metadata';
import { parseCliOptions } from './cli-options';
import { Feed, FeedAbortedError } from './feed';
import { DossierStream, buildProvince } from './generate';
import { IngestClient, IngestUnreachableError } from './ingest-client';
import { createReporter } from './progress';
import { systemClock } from './send-batch';
import { SetupError, createProducerKey, registerProvince } from './setup';

const PROVINCE = { code: 'QT', name: 'Tỉnh Quảng Trị' };
const HISTORY_BATCH = 1000;
const MAX_CONSECUTIVE_FAILURES = 3;

const say = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<number> {
  const options = parseCliOptions(process.argv, Date.now());
  const client = new IngestClient(options.ingestUrl);
  const retry = { attempts: options.attempts, maxWaitMs: options.maxWaitS * 1000 };

  await client.checkLive();
  const province = buildProvince(options.seed, { ...PROVINCE, source: options.source });
  const registered = await registerProvince(client, options.adminKey, province, retry, systemClock);
  say(`registered ${province.agencies.length} agencies and ${province.procedures.length} procedures of ${province.name} (${registered} events) at ${client.baseUrl}`);
  let producerKey = options.producerKey;
  if (!producerKey) {
    const created = await createProducerKey(client, options.adminKey, province, options.keyRateLimit);
    producerKey = created.key;
    say(`created producer key ${created.id} for source ${province.source}, agencies [${province.code}]`);
  }

  const stream = new DossierStream({
    seed: options.seed,
    province,
    source: options.source,
    mode: options.historyDays > 0 ? 'history' : 'live',
    days: options.historyDays,
    dossiersPerDay: options.historyPerDay,
    series: options.series,
  });
  say(
    `feeding ${options.historyDays > 0 ? `${options.historyDays} days of history, then ` : ''}live events at ${options.rate}/s in batches of ${options.batch}` +
      `${options.total ? `, ${options.total} events in all` : ''}${options.durationS ? `, for ${options.durationS} s` : ''}` +
      ` (seed ${options.seed}, dossier series "${options.series}")`,
  );

  const reporter = createReporter(process.stdout, process.stderr, options.total);
  const feed = new Feed(
    client,
    producerKey,
    stream,
    {
      rate: options.rate,
      batch: options.batch,
      historyBatch: HISTORY_BATCH,
      total: options.total,
      durationMs: options.durationS !== undefined ? options.durationS * 1000 : undefined,
      retry,
      scopeWaitMs: options.scopeWaitS * 1000,
      maxConsecutiveFailures: MAX_CONSECUTIVE_FAILURES,
    },
    systemClock,
    { onProgress: (stats) => reporter.update(stats), onNote: (message) => reporter.note(message) },
  );

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(130);
    reporter.note(`${signal}: finishing the batch in flight (again to quit at once)`);
    feed.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const stats = await feed.run();
    reporter.stop(stats);
    const seconds = (Date.now() - stats.startedAt) / 1000;
    say(
      `done: ${stats.sent} events accepted in ${stats.batches} batches over ${seconds.toFixed(1)} s (${Math.round(stats.sent / Math.max(seconds, 0.001))} events/s), ` +
        `${stats.retries} retries, ${stats.errors} failed batches (${stats.lost} events lost)`,
    );
    return stats.lost > 0 ? 1 : 0;
  } catch (e) {
    reporter.stop(feed.stats);
    if (e instanceof FeedAbortedError) {
      say(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof IngestUnreachableError || e instanceof SetupError) say(`error: ${e.message}`);
    else say(`error: ${(e as Error)?.stack ?? String(e)}`);
    process.exit(2);
  },
);
