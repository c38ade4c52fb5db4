/**
 * Given clients posting batches of 500 events to the ingest API in a loop (the projector and query API running),
 * when the Kafka broker is stopped midway, stays down for a while, and is started again,
 * then every response while it is down is 503 with Retry-After (never a 500, never another status), every
 * response of the run arrives in under 10 s, clients that got 503 retry after Retry-After until they get 202,
 * `/health/ready` of the ingest API and the projector says 503 (kafka) while it is down and 200 once it is back,
 * and afterwards every event that got a 202 is in the events table exactly once and the projections equal those
 * of a stack that was posted the same events without faults.
 *
 * Stops the shared broker: run it under the exclusive lock (`flock -x /tmp/stack.lock`). The broker is started
 * again whatever happens (KAFKA_STOP_COMMAND / KAFKA_START_COMMAND override how).
 */
import type { CloudEvent } from '@app/contract';
import { historyEvents } from '../support/feed';
import { brokerPortOpen, distinctCount, faultSeed, log, sleep, startBroker, stopBroker } from '../support/faults';
import { describeRun, expectEveryEventStoredOnce, ms, postAll } from '../support/ingest-clients';
import { eventually } from '../support/processes';
import { expectSameProjections } from '../support/snapshot';
import { TestStack } from '../support/stack';

const TOTAL = 60_000;
const BATCH = 500;
const CLIENTS = 6;
/** A client's pause after each 202 before its next batch, so that the stream lasts past the outage. */
const PAUSE_MS = 600;
/** How long the test keeps posting while the broker is down. */
const DOWN_MS = 20_000;
/** The bound on every response: KAFKA_SEND_TIMEOUT_MS (8 s by default) plus the rest of the request. */
const MAX_RESPONSE_MS = 10_000;

const readiness = (stack: TestStack, app: 'ingest-api' | 'projector') => stack.request(app, 'GET', '/health/ready', { key: null });

describe('ingest: the Kafka broker stops and starts again during ingest', () => {
  const seed = faultSeed('broker stop');
  const faulted = new TestStack('faults_broker');
  const reference = new TestStack('faults_broker_ref');
  const events: CloudEvent[] = historyEvents(TOTAL, seed);
  const distinct = distinctCount(events);
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) bodies.push(JSON.stringify(events.slice(i, i + BATCH)));

  async function ensureBrokerUp(): Promise<void> {
    if (!(await brokerPortOpen())) await startBroker();
  }

  afterAll(async () => {
    await ensureBrokerUp();
    await faulted.stop();
    await reference.stop();
  }, 300_000);

  it('answers 503 with Retry-After while the broker is down, never hangs, and loses or doubles nothing', async () => {
    await faulted.start();
    const run = postAll(faulted, bodies, CLIENTS, PAUSE_MS, ms() + 240_000);
    const t: Record<'stop' | 'down' | 'start' | 'up', number> = { stop: 0, down: 0, start: 0, up: 0 };
    try {
      await eventually('a fifth of the batches to be accepted', async () => (run.accepted.size >= bodies.length / 5 ? true : undefined), 120_000, 20);
      t.stop = ms();
      await stopBroker();
      t.down = ms();
      log(`broker down after ${Math.round(t.down - t.stop)} ms; ${run.accepted.size} of ${bodies.length} batches accepted`);
      // Readiness tells: both services that need the broker say so (load balancers and orchestrators stop routing).
      for (const app of ['ingest-api', 'projector'] as const) {
        const res = await eventually(`${app} to report the broker down`, async () => {
          const r = await readiness(faulted, app);
          return r.status === 503 ? r : undefined;
        }, DOWN_MS / 2, 200);
        expect(res.body.checks.kafka).toMatch(/broker not serving|not connected/);
        expect(res.body.checks.database).toBe('ok');
      }
      await sleep(Math.max(0, DOWN_MS - (ms() - t.down)));
    } finally {
      t.start = ms();
      await startBroker();
      t.up = ms();
    }
    log(`broker up again after ${Math.round(t.up - t.start)} ms; ${run.accepted.size} of ${bodies.length} batches accepted`);
    for (const app of ['ingest-api', 'projector'] as const) {
      await eventually(`${app} to be ready again`, async () => ((await readiness(faulted, app)).status === 200 ? true : undefined), 60_000, 200);
    }
    await run.done;
    const { attempts } = run;
    const whileDown = attempts.filter((a) => a.start >= t.down && a.end <= t.start);
    log(`${describeRun(attempts)}; ${whileDown.length} wholly while the broker was down`);

    // Only 202 or 503 at any time, 503 always with Retry-After; nothing but 503 while the broker is down.
    expect(attempts.filter((a) => a.status !== 202 && a.status !== 503)).toEqual([]);
    expect(attempts.filter((a) => a.status === 503 && !/^[1-9]\d*$/.test(a.retryAfter ?? ''))).toEqual([]);
    expect(whileDown.length).toBeGreaterThanOrEqual(CLIENTS);
    expect(whileDown.filter((a) => a.status !== 503)).toEqual([]);
    // Never a hang: each request, measured on its own.
    expect(attempts.filter((a) => a.end - a.start >= MAX_RESPONSE_MS)).toEqual([]);
    // Clients retried after 503 and every batch got its 202, some of them after the broker came back.
    expect(run.accepted.size).toBe(bodies.length);
    expect(attempts.filter((a) => a.status === 202 && a.start >= t.up).length).toBeGreaterThan(0);

    // Every accepted event is in the event log exactly once, and nothing else is.
    await expectEveryEventStoredOnce(faulted, events);

    // The same events posted to another stack without faults give the same numbers.
    await reference.start();
    const refRun = postAll(reference, bodies, CLIENTS, 0, ms() + 120_000);
    await refRun.done;
    expect(refRun.attempts.filter((a) => a.status !== 202)).toEqual([]);
    expect(refRun.accepted.size).toBe(bodies.length);
    expect((await reference.caughtUp(distinct, 180_000)).eventsApplied).toBe(distinct);
    await expectSameProjections(faulted, reference, distinct);
  }, 600_000);
});
