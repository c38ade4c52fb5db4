/**
 * Given a 200,000-event stream (with the generator's re-sent duplicates) produced onto the topic while the
 * projector applies it, when the projector is killed with SIGKILL ten times at random moments (seeded: the seed
 * is printed; FAULTS_SEED repeats a run), each time while one of its transactions is open, and restarted after
 * each kill, then its projections and /v1/indicators equal those of an uninterrupted run over the same topic
 * (another database and consumer group) exactly, eventsApplied equals the number of distinct events, and every
 * message is accounted for exactly once (applied or duplicate).
 */
import { historyEvents, toMessages } from '../support/feed';
import { distinctCount, faultSeed, isAlive, log, openProjectorTransactions, produceStream, seededRandom, sleep } from '../support/faults';
import { eventually } from '../support/processes';
import { expectSameProjections } from '../support/snapshot';
import { TestStack } from '../support/stack';

const TOTAL = 200_000;
const KILLS = 10;
/** How far the stream may run ahead of the crashed projector: it keeps flowing across kills and restarts. */
const LEAD = 30_000;

interface Kill {
  at: number;
  applied: number;
  produced: number;
  openTransactions: number;
}

describe('projector: ten SIGKILLs at random moments of a 200,000-event stream', () => {
  const seed = faultSeed('projector SIGKILL');
  const crashed = new TestStack('faults_kill');
  const reference = new TestStack('faults_kill_ref', { KAFKA_TOPIC: crashed.topic });
  const events = historyEvents(TOTAL, seed);
  const distinct = distinctCount(events);

  afterAll(async () => {
    await crashed.stop();
    await reference.stop();
  });

  it('ends equal to an uninterrupted run, every event applied once', async () => {
    const rng = seededRandom(seed, 'kills');
    await crashed.start(['query-api', 'projector']);
    // The uninterrupted run reads the same topic from the beginning, in its own group, alongside.
    await reference.start(['query-api', 'projector']);

    const applied = async () => (await crashed.status()).eventsApplied as number;
    const stream = produceStream(crashed.topic, toMessages(events), { mayContinue: async (produced) => produced - (await applied()) < LEAD });

    // One kill in each eleventh of the stream, at a random point of it, so that kills are spread over the stream.
    const thresholds = Array.from({ length: KILLS }, (_, i) => Math.floor(((i + 0.2 + 0.6 * rng.float()) / (KILLS + 1)) * distinct));
    const kills: Kill[] = [];
    let running = 0;
    for (let i = 0; i < KILLS; i++) {
      // At least one chunk after each restart: the restarted projector resumed before it dies again.
      const target = Math.max(thresholds[i], (kills[i - 1]?.applied ?? 0) + 1000);
      await eventually(`the projector to reach ${target} events (kill ${i + 1})`, async () => ((await applied()) >= target ? true : undefined), 300_000, 20);
      await sleep(rng.int(0, 400));
      // SIGKILL at the first moment a projector transaction is open in its database.
      const openTransactions = await eventually('a projector transaction to be open', async () => {
        const n = await openProjectorTransactions(crashed.database);
        return n > 0 ? n : undefined;
      }, 60_000, 2);
      const victim = crashed.app(`projector-${running}`);
      await crashed.stopApp(`projector-${running}`, 'SIGKILL');
      expect(victim.child.signalCode).toBe('SIGKILL');
      const kill = { at: i + 1, applied: await applied(), produced: stream.produced, openTransactions };
      kills.push(kill);
      log(`kill ${kill.at}: ${kill.applied} of ${distinct} events applied, ${kill.produced} of ${TOTAL} produced, ${openTransactions} transaction(s) open`);
      await crashed.startApp('projector');
      running++;
    }

    await stream.done;
    const done = await crashed.caughtUp(distinct, 300_000);
    const ref = await reference.caughtUp(distinct, 300_000);
    expect(isAlive(crashed.app(`projector-${running}`))).toBe(true);

    // Every kill fell mid-stream; most of them while the stream was still being produced.
    for (const k of kills) expect(k.applied).toBeLessThan(distinct);
    expect(kills.filter((k) => k.produced < TOTAL).length).toBeGreaterThanOrEqual(KILLS / 2);

    // Exactly once: each distinct event applied once, each other message counted once as a duplicate.
    expect(ref.eventsApplied).toBe(distinct);
    expect(done.eventsApplied).toBe(distinct);
    expect(done.duplicates).toBe(ref.duplicates);
    expect(done.eventsApplied + done.duplicates + done.rejected).toBe(TOTAL);

    await expectSameProjections(crashed, reference, distinct);
  }, 900_000);
});
