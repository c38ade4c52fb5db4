/**
 * Given two projector instances in one consumer group over a 6-partition topic, each owning some partitions,
 * when one of them is killed with SIGKILL midway through a 100,000-event stream (the rest of the stream is
 * produced after the kill), then the survivor takes over the dead instance's partitions (after the 30 s session
 * timeout) and applies what was left on them, and the final numbers equal those of a single instance over the
 * same topic exactly.
 */
import { historyEvents, toMessages } from '../support/feed';
import { distinctCount, faultSeed, isAlive, log, ownedPartitions, partitionCount, produceStream } from '../support/faults';
import { eventually } from '../support/processes';
import { expectSameProjections } from '../support/snapshot';
import { TestStack } from '../support/stack';

const TOTAL = 100_000;
const ALL = [0, 1, 2, 3, 4, 5];

describe('projector group: one of two instances is killed mid-stream', () => {
  const seed = faultSeed('projector group SIGKILL');
  const pair = new TestStack('faults_group');
  const single = new TestStack('faults_group_single', { KAFKA_TOPIC: pair.topic });
  const events = historyEvents(TOTAL, seed);
  const distinct = distinctCount(events);

  afterAll(async () => {
    await pair.stop();
    await single.stop();
  });

  it('the survivor takes over the partitions of the killed instance; the numbers equal a single instance', async () => {
    await pair.start(['query-api', 'projector']);
    await pair.startApp('projector');
    const [survivor, victim] = [pair.app('projector-0'), pair.app('projector-1')];
    expect(await partitionCount(pair.topic)).toBe(6);
    // The single-instance run reads the same topic in its own group, alongside.
    await single.start(['query-api', 'projector']);

    const before = await eventually('both instances to own partitions', async () => {
      const [s, v] = [await ownedPartitions(survivor), await ownedPartitions(victim)];
      return s.length > 0 && v.length > 0 && s.length + v.length === ALL.length ? { survivor: s, victim: v } : undefined;
    }, 60_000, 200);
    expect([...before.survivor, ...before.victim].sort()).toEqual(ALL);
    log(`survivor owns ${before.survivor}, victim owns ${before.victim}`);

    let killed = false;
    const stream = produceStream(pair.topic, toMessages(events), { mayContinue: async (produced) => produced < TOTAL / 2 || killed });
    const atKill = await eventually('both instances to be part-way through', async () => {
      const s = await pair.status();
      return s.eventsApplied >= 0.3 * distinct ? s : undefined;
    }, 120_000, 20);
    await pair.stopApp('projector-1', 'SIGKILL');
    killed = true;
    expect(victim.child.signalCode).toBe('SIGKILL');
    const victimOffsetsAtKill = sumOffsets((await pair.status()).partitions, before.victim);
    log(`killed with ${atKill.eventsApplied} of ${distinct} events applied; victim's partitions at ${victimOffsetsAtKill}`);

    await stream.done;
    const done = await pair.caughtUp(distinct, 240_000);
    expect(done.eventsApplied).toBe(distinct);
    // The survivor owns every partition now and applied what was left on the victim's.
    expect(await ownedPartitions(survivor)).toEqual(ALL);
    expect(isAlive(survivor)).toBe(true);
    expect(sumOffsets(done.partitions, before.victim)).toBeGreaterThan(victimOffsetsAtKill);
    expect(done.partitions.map((p: { lag: number }) => p.lag)).toEqual(ALL.map(() => 0));

    const ref = await single.caughtUp(distinct, 240_000);
    expect(ref.eventsApplied).toBe(distinct);
    expect(done.duplicates).toBe(ref.duplicates);
    expect(done.eventsApplied + done.duplicates + done.rejected).toBe(TOTAL);
    await expectSameProjections(pair, single, distinct);
  }, 600_000);
});

function sumOffsets(partitions: { partition: number; nextOffset: number }[], which: number[]): number {
  return partitions.filter((p) => which.includes(p.partition)).reduce((n, p) => n + p.nextOffset, 0);
}
