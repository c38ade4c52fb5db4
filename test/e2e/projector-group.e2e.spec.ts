/**
 * Given a 6-partition topic, when two projector instances share one consumer group and one database,
 * then the projections equal those of a single instance over the same topic.
 */
import { historyEvents, toMessages } from '../support/feed';
import { produce } from '../support/kafka';
import { projectionSnapshot } from '../support/snapshot';
import { TestStack } from '../support/stack';

const TOTAL = 20_000;

describe('projector: several instances in one consumer group', () => {
  const pair = new TestStack('group_pair');
  const single = new TestStack('group_single', { KAFKA_TOPIC: pair.topic });
  const events = historyEvents(TOTAL, 424242);
  const distinct = new Set(events.map((e) => `${e.source}\u0000${e.id}`)).size;

  afterAll(async () => {
    await pair.stop();
    await single.stop();
  });

  it('two instances (and a third that joins and leaves mid-stream) give the same numbers as one', async () => {
    await pair.start(['query-api', 'projector']);
    await pair.startApp('projector');
    const messages = toMessages(events);
    // Produce while both run, so that both own partitions and a rebalance happens mid-stream.
    await produce(pair.topic, messages.slice(0, TOTAL / 2));
    await pair.startApp('projector');
    await produce(pair.topic, messages.slice(TOTAL / 2));
    await pair.stopApp('projector-2');
    const done = await pair.caughtUp(distinct, 180_000);
    expect(done.eventsApplied).toBe(distinct);
    const partitionsUsed = (done.partitions as { nextOffset: number }[]).filter((p) => p.nextOffset > 0).length;
    expect(partitionsUsed).toBe(6);

    await single.start(['query-api', 'projector']);
    expect((await single.caughtUp(distinct, 180_000)).eventsApplied).toBe(distinct);
    expect(await projectionSnapshot(pair)).toEqual(await projectionSnapshot(single));
  });
});
