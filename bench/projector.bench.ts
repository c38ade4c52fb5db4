/**
 * Projection throughput: events/s from a pre-filled topic into PostgreSQL with every projection on, beside
 * kafka-consumer-perf-test on the same topic and a PostgreSQL COPY of the same rows into an events table.
 */
import { historyEvents } from '../test/support/feed';
import { TestStack } from '../test/support/stack';
import { consumerPerfTest, copyRowsPerSecond, helpRequested, numberArg, report } from './bench-support';
import { measureProjection } from './projection-run';

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

    const copyRate = await copyRowsPerSecond(stack, events);

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
