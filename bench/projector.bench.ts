/**
 * Projection throughput: events/s from a pre-filled topic into PostgreSQL with every projection on, beside
 * kafka-consumer-perf-test on the same topic and a PostgreSQL COPY of the same rows into an events table.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateCloudEvent } from '@app/contract';
import { databaseUrl } from '../test/support/database';
import { historyEvents } from '../test/support/feed';
import { TestStack } from '../test/support/stack';
import { consumerPerfTest, helpRequested, numberArg, report } from './bench-support';
import { measureProjection } from './projection-run';

const exec = promisify(execFile);
const USAGE = `npm run bench:projector -- [--events N (200000)]
Needs the Kafka broker (npm run kafka:start) and PostgreSQL, and built services (npm run build).\n`;

async function main(): Promise<void> {
  if (helpRequested(USAGE)) return;
  const total = numberArg('events', 200_000);
  let stack: TestStack | undefined;
  try {
    const events = historyEvents(total, 11);
    const projection = await measureProjection('bench_projector', events);
    stack = projection.stack;
    const { distinct, eventsPerSecond: projectRate, peakRssMiB: rss } = projection;

    const consumerRate = await consumerPerfTest(stack.topic, events.length);

    // COPY the same rows into a copy of the events table.
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
    const copyStart = process.hrtime.bigint();
    await exec('psql', [databaseUrl(stack.database), '-q', '-c',
      `\\copy events_copy (source, id, type, subject, time, data, extensions, topic_partition, topic_offset) FROM '${csv}' CSV`]);
    const copyRate = unique.length / (Number(process.hrtime.bigint() - copyStart) / 1e9);

    report('projector', [
      ['messages on the topic', events.length],
      ['distinct events', distinct],
      ['projector events/s (all projections, 1 tx per chunk)', Math.round(projectRate)],
      ['kafka-consumer-perf-test messages/s', Math.round(consumerRate)],
      ['PostgreSQL COPY rows/s (same distinct rows, events table with its key)', Math.round(copyRate)],
      ['ratio projector / consumer perf tool', (projectRate / consumerRate).toFixed(3)],
      ['ratio projector / COPY', (projectRate / copyRate).toFixed(3)],
      ['projector peak RSS (MiB)', rss === null ? 'n/a' : Math.round(rss)],
    ], { messages: events.length, distinct, projectRate, consumerRate, copyRate, projectorPeakRssMiB: rss });
  } finally {
    await stack?.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
