/**
 * The feed's sending discipline, on a fake API and a fake clock: bounded retries honouring Retry-After,
 * batches given up and counted, the wait for the agency tree, pacing, and the stop conditions.
 */
import type { CloudEvent } from '@app/contract';
import { Feed, FeedAbortedError, FeedSettings } from './feed';
import { DossierStream, buildProvince } from './generate';
import type { PostOutcome } from './ingest-client';
import type { Clock } from './send-batch';

const NOW_MS = Date.parse('2026-11-27T09:00:00Z');
const province = buildProvince(1, { code: 'QT' });

class FakeClock implements Clock {
  t = NOW_MS;
  now = () => this.t;
  sleep = async (ms: number) => void (this.t += Math.max(0, ms));
}

/** Answers each post from the script in turn (then accepts), advancing the clock by `latencyMs`. */
class FakeApi {
  readonly posts: { at: number; events: CloudEvent[] }[] = [];
  constructor(private readonly clock: FakeClock, private readonly script: PostOutcome[] = [], private readonly latencyMs = 5) {}
  async postEvents(_key: string, events: CloudEvent[]): Promise<PostOutcome> {
    this.posts.push({ at: this.clock.t, events });
    this.clock.t += this.latencyMs;
    return this.script.shift() ?? { kind: 'accepted', accepted: events.length };
  }
}

const settings = (overrides: Partial<FeedSettings> = {}): FeedSettings => ({
  rate: 100, batch: 50, historyBatch: 1000, total: 500,
  retry: { attempts: 4, maxWaitMs: 30_000 }, scopeWaitMs: 60_000, maxConsecutiveFailures: 3,
  ...overrides,
});
const live = () => new DossierStream({ seed: 1, province, mode: 'live' });
const busy = (retryAfterMs: number): PostOutcome => ({ kind: 'retry', status: 429, retryAfterMs, message: '429 rate_limited' });
const outOfScope: PostOutcome = { kind: 'rejected', status: 403, message: '403 forbidden', details: [{ index: 0, path: 'data.agencyCode', message: 'agency QT-X-01 is not registered' }] };

describe('Feed', () => {
  it('paces live batches at the rate and stops at the total', async () => {
    const clock = new FakeClock();
    const api = new FakeApi(clock);
    const stats = await new Feed(api, 'k', live(), settings(), clock).run();
    expect(stats).toMatchObject({ generated: 500, sent: 500, batches: 10, errors: 0, lost: 0, phase: 'done' });
    expect(api.posts.map((p) => p.events.length)).toEqual(Array(10).fill(50));
    // batch i is due at i × 0.5 s
    api.posts.forEach((p, i) => expect(p.at - NOW_MS).toBeGreaterThanOrEqual(i * 500));
    expect(clock.t - NOW_MS).toBeLessThan(5000);
  });

  it('honours Retry-After (capped) and counts the retries, losing nothing', async () => {
    const clock = new FakeClock();
    const api = new FakeApi(clock, [busy(2000), busy(120_000)]);
    const stats = await new Feed(api, 'k', live(), settings({ total: 50 }), clock).run();
    expect(stats).toMatchObject({ sent: 50, retries: 2, errors: 0, lost: 0 });
    expect(api.posts.map((p) => p.at - NOW_MS)).toEqual([0, 2005, 32010]);
  });

  it('gives a batch up after its attempts, reports it, and aborts after several in a row', async () => {
    const clock = new FakeClock();
    const api = new FakeApi(clock, Array(100).fill(busy(1000)));
    const notes: string[] = [];
    const feed = new Feed(api, 'k', live(), settings({ total: undefined }), clock, { onNote: (m) => notes.push(m) });
    await expect(feed.run()).rejects.toThrow(FeedAbortedError);
    expect(api.posts).toHaveLength(3 * 4);
    expect(feed.stats).toMatchObject({ sent: 0, errors: 3, lost: 150 });
    expect(notes.filter((n) => /lost: gave up after 4 attempts: 429/.test(n))).toHaveLength(3);
  });

  it('counts a rejected batch without retrying it and carries on', async () => {
    const clock = new FakeClock();
    const rejected: PostOutcome = { kind: 'rejected', status: 400, message: '400 validation_failed', details: [{ index: 3, path: 'data.channel', message: 'bad' }] };
    const api = new FakeApi(clock, [{ kind: 'accepted', accepted: 50 }, rejected]);
    const notes: string[] = [];
    const stats = await new Feed(api, 'k', live(), settings({ total: 150 }), clock, { onNote: (m) => notes.push(m) }).run();
    expect(stats).toMatchObject({ generated: 150, sent: 100, errors: 1, lost: 50 });
    expect(notes[0]).toMatch(/rejected: 400 validation_failed — \[3\] data.channel: bad/);
  });

  it('waits for the agency tree to be projected before the first batch, then goes on', async () => {
    const clock = new FakeClock();
    const api = new FakeApi(clock, [outOfScope, outOfScope]);
    const stats = await new Feed(api, 'k', live(), settings({ total: 100 }), clock).run();
    expect(stats).toMatchObject({ sent: 100, lost: 0 });
    expect(api.posts).toHaveLength(4);
  });

  it('stops waiting for the agency tree after the scope wait, with a message naming the projector', async () => {
    const clock = new FakeClock();
    const api = new FakeApi(clock, Array(100).fill(outOfScope));
    const run = new Feed(api, 'k', live(), settings({ scopeWaitMs: 10_000 }), clock).run();
    await expect(run).rejects.toThrow(/projector/);
    expect(api.posts.length).toBeLessThanOrEqual(7);
  });

  it('posts the history unpaced in big batches, then goes live', async () => {
    const clock = new FakeClock();
    const api = new FakeApi(clock);
    const stream = new DossierStream({ seed: 1, province, mode: 'history', days: 4, dossiersPerDay: 100 });
    const stats = await new Feed(api, 'k', stream, settings({ total: 3000 }), clock).run();
    expect(stats.sent).toBe(3000);
    expect(stream.currentMode).toBe('live');
    expect(api.posts[0].events).toHaveLength(1000);
    const liveEvents = api.posts.flatMap((p) => p.events).filter((e) => e.time.startsWith('2026-11-27T16:'));
    expect(liveEvents.length).toBeGreaterThan(0);
  });

  it('stops after the duration and when asked to', async () => {
    const clock = new FakeClock();
    const stats = await new Feed(new FakeApi(clock), 'k', live(), settings({ total: undefined, durationMs: 3000 }), clock).run();
    expect(stats.sent).toBe(300);
    const feed = new Feed(new FakeApi(clock), 'k', live(), settings({ total: undefined }), clock, {
      onProgress: (s) => s.sent >= 200 && feed.stop(),
    });
    expect((await feed.run()).sent).toBe(200);
  });
});
