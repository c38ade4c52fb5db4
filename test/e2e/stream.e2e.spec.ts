/**
 * The live stream (GET /v1/stream) on the real stack: a posted event reaches a connected client, the snapshot
 * carries the same numbers as /v1/indicators for today and this month, a client reconnecting with Last-Event-ID
 * is not sent what it already shows, heartbeats keep the connection open, clients are cleaned up when they go,
 * and requests are refused the way every other endpoint refuses them.
 *
 * The snapshot covers today, so the events here are stamped with the clock (`new Date()`), unlike other suites.
 */
import { agency, received } from '../support/events';
import { eventually } from '../support/processes';
import { SseClient } from '../support/sse';
import { TestStack } from '../support/stack';

const receivedTotal = (r: { received: { online: number; inPerson: number; postal: number } }) => r.received.online + r.received.inPerson + r.received.postal;
const position = (id: string | null) => BigInt(id!.split('.')[1]);

describe('live stream on the real stack', () => {
  const stack = new TestStack('stream', { STREAM_HEARTBEAT_MS: '500' });
  const clients: SseClient[] = [];
  let reader: string;

  const open = async (agencyCode: string, options: { key?: string | null; lastEventId?: string } = {}) => {
    const client = await SseClient.open(stack.url('query-api', `/v1/stream?agency=${encodeURIComponent(agencyCode)}`), { key: reader, ...options });
    clients.push(client);
    return client;
  };
  const post = async (events: unknown[]) => expect((await stack.post(events)).status).toBe(202);
  const streamClients = async () => {
    const metrics = await (await fetch(stack.url('query-api', '/metrics'))).text();
    return Number(/^stream_clients (\d+)$/m.exec(metrics)?.[1]);
  };

  beforeAll(async () => {
    await stack.start();
    await post([agency('S', 'province', null), agency('S-H', 'district', 'S'), agency('S-X', 'commune', 'S-H'), agency('OTHER', 'province', null)]);
    await stack.caughtUp(4);
    reader = await stack.createKey({ role: 'reader' });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => stack.stop());

  it('sends a snapshot on connect and another when a posted event is projected, with the numbers of /v1/indicators', async () => {
    const client = await open('S');
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await client.waitFor('the snapshot sent on connect', () => client.latestSnapshot());
    expect(first.agency).toBe('S');
    expect(first.today.from).toBe(first.today.to);
    expect(first.month).toMatchObject({ from: `${first.today.to.slice(0, 8)}01`, to: first.today.to });
    expect(first.id).toMatch(new RegExp(`^${first.today.to}\\.\\d+\\.[0-9a-f]{16}$`));
    expect(client.events[0]).toMatchObject({ type: 'snapshot', id: first.id });
    expect(client.retry).toBeGreaterThan(0);

    const now = new Date().toISOString();
    await post([received('LIVE-1', 'S-X', now), received('LIVE-2', 'S-H', now, 'postal'), received('ELSEWHERE', 'OTHER', now)]);
    const after = await client.waitFor(
      'both events of the subtree on the stream',
      () => client.snapshots().find((s) => receivedTotal(s.today.report) === receivedTotal(first.today.report) + 2),
      10_000,
    );
    expect(position(after.id)).toBeGreaterThan(position(first.id));
    expect(after.today.report.received.postal).toBe(first.today.report.received.postal + 1);

    await stack.caughtUp();
    const latest = client.latestSnapshot()!;
    const today = await stack.indicators('S', latest.today.from, latest.today.to, reader);
    const month = await stack.indicators('S', latest.month.from, latest.month.to, reader);
    expect(latest.today.indicators).toEqual(today.indicators);
    expect(latest.today.report).toEqual(today.report);
    expect(latest.month.indicators).toEqual(month.indicators);
    expect(latest.month.report).toEqual(month.report);
  });

  it('resumes from Last-Event-ID: nothing again for the id it shows, the current snapshot for an older one', async () => {
    const a = await open('S-H');
    const seen = await a.waitFor('a snapshot', () => a.latestSnapshot());
    await a.close();

    const b = await open('S-H', { lastEventId: seen.id! });
    await b.waitFor('three heartbeats', () => b.comments.filter((c) => c === 'ping').length >= 3);
    expect(b.snapshots()).toHaveLength(0);

    await post([received('LIVE-3', 'S-X', new Date().toISOString(), 'in_person')]);
    const next = await b.waitFor('the next snapshot', () => b.latestSnapshot(), 10_000);
    expect(next.today.report.received.inPerson).toBe(seen.today.report.received.inPerson + 1);
    expect(position(next.id)).toBeGreaterThan(position(seen.id));

    const c = await open('S-H', { lastEventId: seen.id! });
    const current = await c.waitFor('the current snapshot at once', () => c.latestSnapshot());
    expect(current.id).toBe(b.latestSnapshot()!.id);
    expect(c.snapshots()).toHaveLength(1);

    const d = await open('S-H', { lastEventId: 'not-an-id' });
    await d.waitFor('the current snapshot for an id it cannot read', () => d.latestSnapshot());
  });

  it('forgets a client that goes away', async () => {
    const before = await streamClients();
    const a = await open('S');
    const b = await open('S-X');
    await Promise.all([a.waitFor('a snapshot', () => a.latestSnapshot()), b.waitFor('a snapshot', () => b.latestSnapshot())]);
    expect(await streamClients()).toBe(before + 2);
    await Promise.all([a.close(), b.close()]);
    await eventually('the closed clients to be forgotten', async () => ((await streamClients()) === before ? true : undefined), 10_000);
  });

  it('answers 401 without a key, 404 for an unknown agency and 400 for a bad request, as every endpoint does', async () => {
    const noKey = await open('S', { key: null });
    expect(noKey.status).toBe(401);
    expect(noKey.errorBody.error).toBe('unauthorized');

    const unknown = await open('NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.errorBody).toMatchObject({ error: 'not_found', message: 'unknown agency: NOPE' });

    const empty = await open('');
    expect(empty.status).toBe(400);
    expect(empty.errorBody.details[0].path).toBe('agency');

    const extra = await stack.request('query-api', 'GET', '/v1/stream?agency=S&from=2026-01-01', { key: reader });
    expect(extra.status).toBe(400);
  });
});
