/**
 * Faults for the fault-test suite (test/faults/*.faults.spec.ts): seeded randomness, a stream produced while a
 * test does other things, stopping and starting the real Kafka broker, restarting the real PostgreSQL, and
 * reading what a projector process owns. Commands that touch shared infrastructure can be overridden by
 * environment variables, and each one checks that the fault really happened (a fault that silently did not
 * happen would make a test pass for nothing).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { CloudEvent } from '@app/contract';
import { Kafka, logLevel, Message } from 'kafkajs';
import { Prng } from '../../apps/simulator/src/generate/prng';
import { sql } from './database';
import { ARTIFACTS, REPO, RunningApp, eventually } from './processes';
import { KAFKA_BROKERS } from './stack';
import type { TestStack } from './stack';

// ---- seeds ----

/** The seed of a fault test: FAULTS_SEED if set, else a fresh one; printed so that a failing run can be repeated. */
export function faultSeed(test: string): number {
  const fromEnv = process.env.FAULTS_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`FAULTS_SEED=${fromEnv} is not an integer`);
  log(`${test}: seed ${seed} (repeat with FAULTS_SEED=${seed})`);
  return seed;
}

export const seededRandom = (seed: number, label: string): Prng => Prng.derive(seed, label);

export const distinctCount = (events: CloudEvent[]): number => new Set(events.map(eventKey)).size;
export const eventKey = (e: { source: string; id: string }): string => `${e.source}\u0000${e.id}`;

export function log(message: string): void {
  process.stdout.write(`[faults ${new Date().toISOString().slice(11, 23)}] ${message}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---- shell ----

export interface ShellResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a shell command from the repository root; never throws, the caller judges the exit code. */
export function shell(command: string, timeoutMs = 180_000): Promise<ShellResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function mustRun(what: string, command: string, timeoutMs?: number): Promise<void> {
  log(`${what}: ${command}`);
  const r = await shell(command, timeoutMs);
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${command}\n${r.stdout}\n${r.stderr}`);
}

// ---- the Kafka broker ----

const KAFKA_SH = join(REPO, 'deploy/local/kafka.sh');
/** The commands that stop and start the broker; override them for a broker this checkout did not start. */
export const BROKER_STOP_COMMAND = process.env.KAFKA_STOP_COMMAND ?? `${KAFKA_SH} stop`;
export const BROKER_START_COMMAND = process.env.KAFKA_START_COMMAND ?? `${KAFKA_SH} start`;
/** The commands that freeze the broker (it keeps its connections and answers nothing) and let it go on. */
export const BROKER_PAUSE_COMMAND = process.env.KAFKA_PAUSE_COMMAND ?? `${KAFKA_SH} pause`;
export const BROKER_RESUME_COMMAND = process.env.KAFKA_RESUME_COMMAND ?? `${KAFKA_SH} resume`;

/** True when something accepts TCP connections on the (first) broker address. */
export function brokerPortOpen(): Promise<boolean> {
  const [host, port] = KAFKA_BROKERS.split(',')[0].trim().split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Stops the broker and checks that nothing listens on its port any more. */
export async function stopBroker(): Promise<void> {
  await mustRun('stopping the Kafka broker', BROKER_STOP_COMMAND);
  await eventually('the broker port to close', async () => ((await brokerPortOpen()) ? undefined : true), 30_000, 200);
}

/** Starts the broker (the command waits until it answers) and checks that it takes requests again. */
export async function startBroker(): Promise<void> {
  await mustRun('starting the Kafka broker', BROKER_START_COMMAND, 240_000);
  await eventually('the broker to answer metadata requests', async () => {
    const admin = newKafka().admin();
    await admin.connect();
    try {
      await admin.listTopics();
      return true;
    } finally {
      await admin.disconnect();
    }
  }, 60_000, 500);
}

/** A metadata request with a short timeout: true if the broker answers it. */
async function brokerAnswers(timeoutMs: number): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'faults-probe',
    brokers: KAFKA_BROKERS.split(','),
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Freezes the broker and checks that it no longer answers requests. */
export async function pauseBroker(): Promise<void> {
  await mustRun('freezing the Kafka broker', BROKER_PAUSE_COMMAND, 30_000);
  if (await brokerAnswers(2000)) throw new Error(`the broker still answers after ${BROKER_PAUSE_COMMAND}`);
}

/** Lets a frozen broker go on and waits until it answers again. */
export async function resumeBroker(): Promise<void> {
  await mustRun('letting the Kafka broker go on', BROKER_RESUME_COMMAND, 30_000);
  await eventually('the broker to answer again', async () => ((await brokerAnswers(5000)) ? true : undefined), 60_000, 250);
}

// ---- PostgreSQL ----

/** The command that restarts the PostgreSQL server the tests use, and the one that says it answers. */
export const PG_RESTART_COMMAND = process.env.PG_RESTART_COMMAND ?? 'pg_ctlcluster 15 main restart';
export const PG_READY_COMMAND = process.env.PG_READY_COMMAND ?? 'pg_isready -q -h 127.0.0.1 -p 5432';

/** When the server process started: it changes only when the server restarts. */
export async function postmasterStart(database: string): Promise<string> {
  const [row] = await sql<{ t: string }>(database, 'SELECT pg_postmaster_start_time()::text AS t');
  return row.t;
}

/** Restarts PostgreSQL, waits until it answers, and checks that it really restarted. */
export async function restartPostgres(database: string): Promise<void> {
  const before = await postmasterStart(database);
  await mustRun('restarting PostgreSQL', PG_RESTART_COMMAND);
  await eventually('PostgreSQL to answer again', async () => ((await shell(PG_READY_COMMAND, 10_000)).code === 0 ? true : undefined), 120_000, 250);
  const after = await eventually('a connection to the restarted server', () => postmasterStart(database), 60_000, 250);
  if (after === before) throw new Error(`PostgreSQL did not restart: it still runs since ${before}`);
  log(`PostgreSQL restarted (up since ${after}, was ${before})`);
}

/** Projector transactions open right now in a database (state active or idle in transaction). */
export async function openProjectorTransactions(database: string): Promise<number> {
  const [row] = await sql<{ n: number }>(
    database,
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = 'projector' AND xact_start IS NOT NULL AND state <> 'idle'`,
  );
  return row.n;
}

// ---- Kafka ----

export const newKafka = (): Kafka => new Kafka({ clientId: 'faults', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });

/** The number of partitions of a topic, from the broker's metadata. */
export async function partitionCount(topic: string): Promise<number> {
  const admin = newKafka().admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0].partitions.length;
  } finally {
    await admin.disconnect();
  }
}

export interface StreamProducer {
  /** Messages acknowledged by the broker so far. */
  readonly produced: number;
  /** Resolves when every message is on the topic; rejects on a send failure. */
  readonly done: Promise<void>;
}

/**
 * Produces `messages` in slices of `slice` (acks from all replicas) in the background, each slice only once
 * `mayContinue(produced)` allows it: a stream that keeps flowing while the test kills and restarts things.
 */
export function produceStream(topic: string, messages: Message[], options: { slice?: number; mayContinue?: (produced: number) => Promise<boolean>; pauseMs?: number } = {}): StreamProducer {
  const slice = options.slice ?? 5000;
  const state = { produced: 0, done: Promise.resolve() };
  state.done = (async () => {
    const producer = newKafka().producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      while (state.produced < messages.length) {
        if (options.mayContinue && !(await options.mayContinue(state.produced).catch(() => false))) {
          await sleep(options.pauseMs ?? 100);
          continue;
        }
        const next = messages.slice(state.produced, state.produced + slice);
        await producer.send({ topic, acks: -1, messages: next });
        state.produced += next.length;
        if (options.pauseMs && !options.mayContinue) await sleep(options.pauseMs);
      }
    } finally {
      await producer.disconnect();
    }
  })();
  state.done.catch(() => undefined); // the test awaits it; avoid an unhandled rejection meanwhile
  return state;
}

// ---- processes ----

export const isAlive = (app: RunningApp): boolean => app.child.exitCode === null && app.child.signalCode === null;

/** The partitions a projector process owns now, from its lag gauges (one series per owned partition). */
export async function ownedPartitions(app: RunningApp): Promise<number[]> {
  const res = await fetch(`http://127.0.0.1:${app.port}/metrics`);
  if (!res.ok) throw new Error(`metrics of ${app.name}: ${res.status}`);
  const text = await res.text();
  const owned = [...text.matchAll(/^projector_consumer_lag_messages\{partition="(\d+)"\} /gm)].map((m) => Number(m[1]));
  return owned.sort((a, b) => a - b);
}

/** The JSON log lines a service of a stack wrote so far (`key`: e.g. `projector-0`, `query-api`). */
export async function serviceLog(stack: TestStack, key: string): Promise<{ level: string; msg: string; [k: string]: unknown }[]> {
  const text = await readFile(join(ARTIFACTS, 'logs', `${stack.id}-${key}.log`), 'utf8');
  return text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}
