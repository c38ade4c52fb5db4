/**
 * Given clients posting batches of 500 events to the ingest API in a loop (the projector and query API running),
 * when the Kafka broker freezes three times (SIGSTOP: it keeps its connections open and answers nothing, as a hung
 * broker or a partitioned network does) and goes on after 15, 6 and 6 s (SIGCONT),
 * then no response of the run takes 10 s or more, every refusal is a 503 with Retry-After, every request sent
 * from 2 s after the broker answers again gets its 202, and every accepted event is in the events table exactly
 * once.
 *
 * This is the case the ingest's send deadline is for, and the one that desynchronises an idempotent producer:
 * requests the client gave up on are written by the broker when it wakes, after the producer reused their sequence
 * numbers. The ingest must replace its producer after such a send, or it refuses (or silently drops) events
 * from then on.
 *
 * Freezes the shared broker: run it under the exclusive lock (`flock -x /tmp/stack.lock`). The broker is let go
 * on whatever happens (KAFKA_PAUSE_COMMAND / KAFKA_RESUME_COMMAND override how).
 */
import type { CloudEvent } from '@app/contract';
import { historyEvents } from '../support/feed';
import { faultSeed, log, pauseBroker, resumeBroker, sleep } from '../support/faults';
import { describeRun, expectEveryEventStoredOnce, ms, postAll } from '../support/ingest-clients';
import { topicEndOffsets } from '../support/kafka';
import { eventually } from '../support/processes';
import { TestStack } from '../support/stack';

const TOTAL = 100_000;
const BATCH = 500;
const CLIENTS = 6;
/** A client's pause after each 202, so that the stream goes on well past the freeze. */
const PAUSE_MS = 1_000;
/**
 * How long the broker stays frozen, each time: longer than the send deadline (8 s), then twice a little longer
 * than kafkajs's request timeout (5 s) and shorter than the deadline, so that requests it gave up on and resent
 * reach the broker while the same send still waits.
 */
const FREEZES = [15_000, 6_000, 6_000];
const BETWEEN_FREEZES_MS = 6_000;
/** Once the broker answers again, the time the ingest may take to get back to accepting every request. */
const RECOVERY_MS = 2_000;
/** The bound on every response: KAFKA_SEND_TIMEOUT_MS (8 s by default) plus the rest of the request. */
const MAX_RESPONSE_MS = 10_000;

interface Freeze {
  freeze: number;
  resume: number;
  /** When the broker answered requests again. */
  answers: number;
}

describe('ingest: the Kafka broker hangs during ingest and goes on', () => {
  const seed = faultSeed('broker hang');
  const stack = new TestStack('faults_hang');
  const events: CloudEvent[] = historyEvents(TOTAL, seed);
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) bodies.push(JSON.stringify(events.slice(i, i + BATCH)));
  let frozen = false;

  afterAll(async () => {
    if (frozen) await resumeBroker();
    await stack.stop();
  }, 120_000);

  it('answers 503 within 10 s while the broker hangs, then accepts every batch, and loses or doubles nothing', async () => {
    await stack.start();
    const run = postAll(stack, bodies, CLIENTS, PAUSE_MS, ms() + 240_000);
    const windows: Freeze[] = [];
    await eventually('a tenth of the batches to be accepted', async () => (run.accepted.size >= bodies.length / 10 ? true : undefined), 120_000, 20);
    for (const [i, frozenMs] of FREEZES.entries()) {
      if (i > 0) await sleep(BETWEEN_FREEZES_MS);
      const w: Freeze = { freeze: ms(), resume: 0, answers: 0 };
      try {
        frozen = true;
        await pauseBroker();
        log(`broker frozen for ${frozenMs} ms; ${run.accepted.size} of ${bodies.length} batches accepted`);
        await sleep(Math.max(0, frozenMs - (ms() - w.freeze)));
      } finally {
        w.resume = ms();
        await resumeBroker();
        frozen = false;
      }
      w.answers = ms();
      windows.push(w);
      log(`broker answers again after ${Math.round(w.answers - w.resume)} ms; ${run.accepted.size} of ${bodies.length} batches accepted`);
    }
    await run.done;
    const { attempts } = run;
    // Answers given while the broker was frozen (it cannot have acknowledged anything then), and requests sent
    // once it had been answering for RECOVERY_MS, until the next freeze.
    const whileFrozen = attempts.filter((a) => windows.some((w) => a.end > w.freeze + 1_000 && a.end <= w.resume));
    const afterRecovery = attempts.filter((a) =>
      windows.some((w, i) => a.start >= w.answers + RECOVERY_MS && a.start < (windows[i + 1]?.freeze ?? Infinity)),
    );
    log(`${describeRun(attempts)}; ${whileFrozen.length} answered while the broker was frozen; ${afterRecovery.length} sent after it recovered`);

    // Only 202 or 503, 503 always with Retry-After; never an answer after the bound.
    expect(attempts.filter((a) => a.status !== 202 && a.status !== 503)).toEqual([]);
    expect(attempts.filter((a) => a.status === 503 && !/^[1-9]\d*$/.test(a.retryAfter ?? ''))).toEqual([]);
    expect(attempts.filter((a) => a.end - a.start >= MAX_RESPONSE_MS)).toEqual([]);
    // The freeze was felt: requests answered during it were refused, none accepted.
    expect(whileFrozen.length).toBeGreaterThanOrEqual(CLIENTS);
    expect(whileFrozen.filter((a) => a.status !== 503)).toEqual([]);
    // Once the broker goes on, every batch gets its 202.
    expect(run.accepted.size).toBe(bodies.length);
    // No request was refused by a producer out of step with the broker (kafkajs reusing the sequence numbers
    // of a request the broker wrote after all), and requests are accepted at once after the broker is back.
    expect(attempts.filter((a) => /sequence/i.test(a.error ?? ''))).toEqual([]);
    expect(afterRecovery.length).toBeGreaterThanOrEqual(FREEZES.length * CLIENTS);
    expect(afterRecovery.filter((a) => a.status !== 202)).toEqual([]);
    // The producer of the send that hung was replaced at its deadline, and the metric says so.
    const metrics = await (await fetch(stack.url('ingest-api', '/metrics'))).text();
    const replaced = /^kafka_producers_replaced_total\{reason="send_timeout"\} (\d+)/m.exec(metrics);
    expect(Number(replaced?.[1] ?? 0)).toBeGreaterThanOrEqual(1);

    // Every accepted event is in the event log exactly once, and nothing else is. The topic may hold an event
    // twice (a request refused at its deadline was written when the broker woke, and its client posted it again).
    await expectEveryEventStoredOnce(stack, events);
    const onTopic = await topicEndOffsets(stack.topic);
    log(`${onTopic} messages on the topic for ${events.length} events posted `);
    expect(onTopic).toBeGreaterThanOrEqual(events.length);
  }, 600_000);
});
