/** The simulator's command line (commander): options, defaults from the environment, help text. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SOURCE } from './generate';

export interface CliOptions {
  ingestUrl: string;
  adminKey: string;
  producerKey?: string;
  rate: number;
  batch: number;
  durationS?: number;
  total?: number;
  historyDays: number;
  historyPerDay: number;
  seed: number;
  source: string;
  series: string;
  attempts: number;
  maxWaitS: number;
  scopeWaitS: number;
  keyRateLimit?: number;
}

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
  }
  return n;
};

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
};

const seriesArg = (value: string): string => {
  if (!/^[A-Za-z0-9]{0,24}$/.test(value)) throw new InvalidArgumentError('expected up to 24 letters or digits');
  return value;
};

export function buildCommand(): Command {
  return new Command()
    .name('simulator')
    .description(
      'Demo feed for the dossier indicators: registers a Quảng Trị agency tree and procedure catalogue with the admin key, ' +
        'creates a producer key for the source, then posts realistic dossier lifecycle events (CloudEvents batches) to the ' +
        'ingest API: optionally a backdated history first, as fast as the API allows, then live events at --rate.',
    )
    .addOption(new Option('--ingest-url <url>', 'ingest API base URL').env('INGEST_URL').default('http://127.0.0.1:8080'))
    .addOption(new Option('--admin-key <key>', 'admin API key (required)').env('ADMIN_API_KEY').makeOptionMandatory())
    .addOption(new Option('--producer-key <key>', 'use this producer key instead of creating one').env('PRODUCER_API_KEY'))
    .addOption(new Option('--rate <events/s>', 'live events per second').argParser(positive).default(20))
    .addOption(new Option('--batch <n>', 'events per live request, 1-1000 (default: about rate/2)').argParser(integer(1, 1000)))
    .addOption(new Option('--duration <s>', 'stop after this many seconds (default: run until Ctrl-C / SIGTERM)').argParser(positive))
    .addOption(new Option('--total <n>', 'stop after this many events').argParser(integer(1)))
    .addOption(new Option('--history-days <n>', 'first post this many days of backdated history as fast as allowed, then go live').argParser(integer(0, 3650)).default(0))
    .addOption(new Option('--history-per-day <n>', 'dossiers filed per day in the history').argParser(integer(1, 1_000_000)).default(300))
    .addOption(new Option('--seed <n>', 'generator seed (same seed, same catalogue and event mix)').argParser(integer(0, 2 ** 32 - 1)).default(1))
    .addOption(new Option('--source <source>', 'CloudEvents source of the feed').default(DEFAULT_SOURCE))
    .addOption(
      new Option('--series <id>', 'letters/digits set into dossier ids (QT-2026-<series>-000123) so that runs never share ids; "" for none (default: a new one per run, from the clock)')
        .argParser(seriesArg),
    )
    .addOption(new Option('--attempts <n>', 'attempts per batch on 429/503/network errors before giving it up').argParser(integer(1, 20)).default(4))
    .addOption(new Option('--max-wait <s>', 'longest Retry-After honoured between attempts').argParser(integer(1, 600)).default(30))
    .addOption(new Option('--scope-wait <s>', 'how long to wait for the projector to apply the agency tree (403 out of scope)').argParser(integer(0, 3600)).default(60))
    .addOption(new Option('--key-rate-limit <req/s>', "requests per second for the created producer key (default: the API's)").argParser(integer(1, 100000)))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  ADMIN_API_KEY=... simulator --ingest-url http://127.0.0.1:8080 --rate 50\n' +
        '  simulator --admin-key ... --history-days 30 --total 50000 --rate 1000\n\n' +
        'Exit status: 0 when every event was accepted (or on Ctrl-C / SIGTERM), 1 when batches were lost or rejected,\n' +
        '2 when the ingest API is unreachable or the setup fails. On a terminal a progress bar is shown; otherwise one\n' +
        'JSON status line is printed every 5 s.',
    );
}

export function parseCliOptions(argv: string[], nowMs: number): CliOptions {
  const opts = buildCommand().parse(argv).opts();
  const rate = opts.rate as number;
  return {
    ingestUrl: opts.ingestUrl,
    adminKey: opts.adminKey,
    producerKey: opts.producerKey,
    rate,
    batch: opts.batch ?? Math.max(1, Math.min(1000, Math.round(rate / 2))),
    durationS: opts.duration,
    total: opts.total,
    historyDays: opts.historyDays,
    historyPerDay: opts.historyPerDay,
    seed: opts.seed,
    source: opts.source,
    series: opts.series ?? Math.floor(nowMs / 1000).toString(36),
    attempts: opts.attempts,
    maxWaitS: opts.maxWait,
    scopeWaitS: opts.scopeWait,
    keyRateLimit: opts.keyRateLimit,
  };
}
