/**
 * Given a stream of more than 50,000 events flowing onto the topic, when the projector is killed with SIGKILL
 * in the middle and restarted, then every projection equals that of an uninterrupted run, exactly.
 */
import { historyEvents, toMessages } from '../support/feed';
import { produce } from '../support/kafka';
import { eventually } from '../support/processes';
import { expectSameProjections } from '../support/snapshot';
import { TestStack } from '../support/stack';

const TOTAL = 60_000;

describe('projector crash: SIGKILL mid-stream, restart, same numbers', () => {
  const crashed = new TestStack('crash');
  const reference = new TestStack('crash_ref', { KAFKA_TOPIC: crashed.topic });
  const events = historyEvents(TOTAL, 20261127);
  const distinct = new Set(events.map((e) => `${e.source}\u0000${e.id}`)).size;

  afterAll(async () => {
    await crashed.stop();
    await reference.stop();
  });

  it('kills the projector while it applies the stream, restarts it, and ends equal to an uninterrupted run', async () => {
    await crashed.start(['query-api', 'projector']);
    const messages = toMessages(events);
    const firstHalf = messages.slice(0, TOTAL / 2);
    const secondHalf = messages.slice(TOTAL / 2);

    // The stream keeps flowing while the projector works and dies.
    const producing = produce(crashed.topic, firstHalf);
    const atKill = await eventually('the projector to be part-way through', async () => {
      const s = await crashed.status();
      return s.eventsApplied >= 8_000 ? s : undefined;
    }, 120_000, 20);
    await crashed.stopApp('projector-0', 'SIGKILL');
    expect(atKill.eventsApplied).toBeLessThan(distinct);
    const frozen = (await crashed.status()).eventsApplied;

    await producing;
    await produce(crashed.topic, secondHalf);
    // Nothing moves while no projector runs.
    expect((await crashed.status()).eventsApplied).toBe(frozen);

    await crashed.startApp('projector');
    const done = await crashed.caughtUp(distinct, 300_000);
    expect(done.eventsApplied).toBe(distinct);
    expect(done.eventsApplied + done.duplicates).toBeGreaterThanOrEqual(TOTAL);

    // The uninterrupted run: another database and consumer group over the same topic.
    await reference.start(['query-api', 'projector']);
    const ref = await reference.caughtUp(distinct, 300_000);
    expect(ref.eventsApplied).toBe(distinct);

    await expectSameProjections(crashed, reference, distinct);
  });
});
