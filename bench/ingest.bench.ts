/**
 * Ingest throughput: events/s through POST /v1/events (batches of 500, producer key with scope checks,
 * acks from all in-sync replicas), beside kafka-producer-perf-test with the same record size and acks on the
 * same broker, in the same run.
 */
import { historyEvents, provinceEvents } from '../test/support/feed';
import { TestStack } from '../test/support/stack';
import { helpRequested, numberArg, peakRssMiB, producerPerfTest, report } from './bench-support';

const USAGE = `npm run bench:ingest -- [--events N (200000)] [--batch N (500)] [--concurrency N (8)]
Needs the Kafka broker (npm run kafka:start) and PostgreSQL, and built services (npm run build).\n`;

async function main(): Promise<void> {
  if (helpRequested(USAGE)) return;
  const total = numberArg('events', 200_000);
  const batchSize = numberArg('batch', 500);
  const concurrency = numberArg('concurrency', 8);

  const stack = new TestStack('bench_ingest');
  try {
    await stack.start(['ingest-api']);
    const province = provinceEvents();
    if ((await stack.post(province)).status !== 202) throw new Error('could not register the province');
    const key = await stack.createKey({ role: 'producer', source: '/onestop/quang-tri', agencies: ['QT'], rateLimitPerSecond: 100000 });
    // The scope check reads the agency tree, which the projector would have written: write it here directly.
    await stack.sql(`INSERT INTO agencies (code, name, level, parent_code, state)
      SELECT e.subject, e.data->>'name', e.data->>'level', e.data->>'parentCode', '{}'::jsonb FROM jsonb_to_recordset($1::jsonb) AS e(subject text, data jsonb)
      ON CONFLICT DO NOTHING`, [JSON.stringify(province.filter((e) => e.type === 'agency.registered'))]);

    const events = historyEvents(total, 7).filter((e) => e.type !== 'agency.registered' && e.type !== 'procedure.published');
    const bodies: string[] = [];
    for (let i = 0; i < events.length; i += batchSize) bodies.push(JSON.stringify(events.slice(i, i + batchSize)));
    const avgSize = Math.round(events.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0) / events.length);

    const post = async (body: string) => {
      const res = await fetch(stack.url('ingest-api', '/v1/events'), {
        method: 'POST', headers: { 'content-type': 'application/cloudevents-batch+json', authorization: `Bearer ${key}` }, body,
      });
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    };
    for (const body of bodies.slice(0, 4)) await post(body); // warm-up (JIT, connections), counted out

    const timed = bodies.slice(4);
    const timedEvents = events.length - Math.min(4, bodies.length) * batchSize;
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < timed.length) await post(timed[next++]);
    }));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const ingestRate = timedEvents / seconds;
    const rss = peakRssMiB(stack.app('ingest-api').child.pid!);

    const kafkaRate = await producerPerfTest(`${stack.topic}-perf`, timedEvents, avgSize);
    report('ingest', [
      ['events posted (timed)', timedEvents],
      ['batch size', batchSize],
      ['concurrent clients', concurrency],
      ['average event size (bytes)', avgSize],
      ['ingest API events/s (acks=all)', Math.round(ingestRate)],
      ['kafka-producer-perf-test records/s (acks=all, idempotent)', Math.round(kafkaRate)],
      ['ratio ingest / Kafka perf tool', (ingestRate / kafkaRate).toFixed(2)],
      ['ingest API peak RSS (MiB)', rss === null ? 'n/a' : Math.round(rss)],
    ], { timedEvents, batchSize, concurrency, avgSize, ingestRate, kafkaRate, ratio: ingestRate / kafkaRate, ingestPeakRssMiB: rss });
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
