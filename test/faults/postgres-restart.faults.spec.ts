/**
 * Given a 100,000-event stream produced onto the topic while the projector applies it, when PostgreSQL is
 * restarted under that load (`pg_ctlcluster 15 main restart`, or PG_RESTART_COMMAND), then the projector process
 * does not exit (the chunks that failed on the lost connections are logged and retried) and resumes by itself,
 * the query API answers /v1/status with 200 again without a restart, and the projections equal those of an
 * uninterrupted run over the same topic (another database and consumer group).
 *
 * Restarts the shared PostgreSQL server: run it under the exclusive lock (`flock -x /tmp/stack.lock`).
 */
import { historyEvents, toMessages } from '../support/feed';
import { distinctCount, faultSeed, isAlive, log, openProjectorTransactions, produceStream, restartPostgres, serviceLog } from '../support/faults';
import { eventually } from '../support/processes';
import { expectSameProjections } from '../support/snapshot';
import { TestStack } from '../support/stack';

const TOTAL = 100_000;

describe('PostgreSQL restarts while the projector applies a stream', () => {
  const seed = faultSeed('PostgreSQL restart');
  const stack = new TestStack('faults_pg');
  const reference = new TestStack('faults_pg_ref', { KAFKA_TOPIC: stack.topic });
  const events = historyEvents(TOTAL, seed);
  const distinct = distinctCount(events);

  afterAll(async () => {
    await stack.stop();
    await reference.stop();
  });

  it('keeps the projector and the query API running, and ends equal to an uninterrupted run', async () => {
    await stack.start(['query-api', 'projector']);
    const projector = stack.app('projector-0');
    const queryApi = stack.app('query-api');
    const stream = produceStream(stack.topic, toMessages(events), { pauseMs: 300 });

    const before = await eventually('the projector to be part-way through', async () => {
      const s = await stack.status();
      return s.eventsApplied >= 15_000 && (await openProjectorTransactions(stack.database)) > 0 ? s : undefined;
    }, 120_000, 10);
    await restartPostgres(stack.database);
    log(`restarted with ${before.eventsApplied} of ${distinct} events applied, ${stream.produced} of ${TOTAL} produced`);
    expect(before.eventsApplied).toBeLessThan(distinct);

    // The query API serves again by itself: /v1/status is 200 (it reads PostgreSQL, and Kafka for the lag).
    const answered = await eventually('the query API to answer /v1/status with 200', async () => {
      const res = await stack.request('query-api', 'GET', '/v1/status');
      return res.status === 200 ? res : undefined;
    }, 60_000, 250);
    expect(answered.body.topic).toBe(stack.topic);

    await stream.done;
    // The projector resumes by itself: the same process, never restarted, reaches the end of the topic.
    const done = await stack.caughtUp(distinct, 240_000);
    expect(done.eventsApplied).toBe(distinct);
    expect(done.eventsApplied).toBeGreaterThan(before.eventsApplied);
    expect(isAlive(projector)).toBe(true);
    expect(isAlive(queryApi)).toBe(true);
    // The restart did reach the projector mid-stream: chunks failed on the lost connections and were retried.
    const failed = (await serviceLog(stack, 'projector-0')).filter((l) => l.msg === 'chunk not applied; retrying');
    log(`the projector retried ${failed.length} chunk(s): ${[...new Set(failed.map((l) => (l.err as { message: string }).message))].join('; ')}`);
    expect(failed.length).toBeGreaterThan(0);
    const ready = await fetch(`http://127.0.0.1:${projector.port}/health/ready`);
    expect(ready.status).toBe(200);
    expect((await stack.request('query-api', 'GET', '/v1/status')).status).toBe(200);

    // The uninterrupted run, on the restarted server, over the same topic.
    await reference.start(['query-api', 'projector']);
    const ref = await reference.caughtUp(distinct, 240_000);
    expect(ref.eventsApplied).toBe(distinct);
    expect(done.duplicates).toBe(ref.duplicates);
    expect(done.eventsApplied + done.duplicates + done.rejected).toBe(TOTAL);

    await expectSameProjections(stack, reference, distinct);
  }, 600_000);
});
