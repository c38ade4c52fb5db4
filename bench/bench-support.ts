/** Shared pieces of the benchmarks: argument parsing, Kafka's own perf tools, result tables and JSON. */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudEvent, validateCloudEvent } from '@app/contract';
import { databaseUrl } from '../test/support/database';
import { REPO } from '../test/support/processes';
import type { TestStack } from '../test/support/stack';

const run = promisify(execFile);

export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

export function helpRequested(usage: string): boolean {
  if (!process.argv.includes('--help') && !process.argv.includes('-h')) return false;
  process.stdout.write(usage);
  return true;
}

export async function kafkaTool(mainClass: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await run(join(REPO, 'deploy/local/kafka.sh'), ['run', mainClass, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout + stderr;
}

export async function createTopic(topic: string, partitions = 6): Promise<void> {
  await kafkaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server', '127.0.0.1:9092', '--create', '--if-not-exists', '--topic', topic, '--partitions', String(partitions), '--replication-factor', '1',
  ]);
}

/** kafka-producer-perf-test: records/s for `records` of `size` bytes with acks=all. */
export async function producerPerfTest(topic: string, records: number, size: number): Promise<number> {
  await createTopic(topic);
  const out = await kafkaTool('org.apache.kafka.tools.ProducerPerformance', [
    '--topic', topic, '--num-records', String(records), '--record-size', String(size), '--throughput', '-1',
    '--bootstrap-server', '127.0.0.1:9092', '--command-property', 'acks=all', 'enable.idempotence=true',
  ]);
  const m = /(\d+) records sent, ([\d.]+) records\/sec/.exec(out.trim().split('\n').filter((l) => l.includes('records sent')).pop() ?? '');
  if (!m) throw new Error(`unexpected ProducerPerformance output:\n${out}`);
  return Number(m[2]);
}

/** kafka-consumer-perf-test: messages/s reading `records` from the topic. */
export async function consumerPerfTest(topic: string, records: number): Promise<number> {
  const out = await kafkaTool('org.apache.kafka.tools.ConsumerPerformance', [
    '--bootstrap-server', '127.0.0.1:9092', '--topic', topic, '--num-records', String(records), '--timeout', '60000',
  ]);
  const line = out.trim().split('\n').filter((l) => /^\d{4}-/.test(l)).pop();
  if (!line) throw new Error(`unexpected ConsumerPerformance output:\n${out}`);
  return Number(line.split(',')[5]);
}

export function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

export function report(name: string, rows: [string, string | number][], data: Record<string, unknown>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${name}\n${'-'.repeat(width + 20)}\n`);
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v}\n`);
  const dir = join(REPO, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), ...data }, null, 2));
  process.stdout.write(`\nwritten ${file}\n`);
}

/** Peak resident set size of a process, from /proc (Linux). */
export function peakRssMiB(pid: number): number | null {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Rows/s of a PostgreSQL COPY of the events' distinct rows into a copy of the stack's events table (same key and indexes). */
export async function copyRowsPerSecond(stack: TestStack, events: CloudEvent[]): Promise<number> {
  const csv = join(tmpdir(), `${stack.id}.csv`);
  const now = Date.now();
  const esc = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const seen = new Set<string>();
  const unique = events.filter((e) => (seen.has(`${e.source}\u0000${e.id}`) ? false : (seen.add(`${e.source}\u0000${e.id}`), true)));
  writeFileSync(csv, unique.map((e, i) => {
    const v = validateCloudEvent(e, now);
    if (!v.ok) throw new Error('invalid generated event');
    const r = v.event;
    return [esc(r.source), esc(r.id), r.type, esc(r.subject), r.at, esc(JSON.stringify(r.data)), '', 0, i].join(',');
  }).join('\n') + '\n');
  await stack.sql('CREATE TABLE events_copy (LIKE events INCLUDING ALL)');
  const started = process.hrtime.bigint();
  await run('psql', [databaseUrl(stack.database), '-q', '-c',
    `\\copy events_copy (source, id, type, subject, time, data, extensions, topic_partition, topic_offset) FROM '${csv}' CSV`]);
  const rate = unique.length / (Number(process.hrtime.bigint() - started) / 1e9);
  await stack.sql('DROP TABLE events_copy');
  return rate;
}

/** Samples a process's peak RSS until it exits (VmHWM is gone with the process). */
export function watchPeakRss(pid: number): () => number | null {
  let peak: number | null = null;
  const timer = setInterval(() => {
    const now = peakRssMiB(pid);
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, 100);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
