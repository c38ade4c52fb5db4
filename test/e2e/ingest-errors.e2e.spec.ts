/**
 * Every error status of SPEC §3 on the ingest side, each answered as JSON naming the problem, and none of
 * them changing a number: nothing of a refused request reaches the topic.
 */
import { agency, received, transferred } from '../support/events';
import { topicEndOffsets } from '../support/kafka';
import { eventually, freePort, startApp, stopApp } from '../support/processes';
import { TestStack } from '../support/stack';

describe('ingest API errors', () => {
  const stack = new TestStack('ingest_errors');
  let producer: string;
  let endBefore: number;
  let baseline: any;

  beforeAll(async () => {
    await stack.start();
    expect((await stack.post([agency('Q', 'province', null), agency('Q-X', 'commune', 'Q'), agency('OTHER', 'province', null)])).status).toBe(202);
    await stack.caughtUp(3);
    producer = await stack.createKey({ role: 'producer', source: '/onestop/test', agencies: ['Q'] });
    expect((await stack.post([received('E-1', 'Q-X', '2026-04-01T08:00:00+07:00'), transferred('E-1', 'Q-X', '2026-04-01T09:00:00+07:00', 'paper')], producer)).status).toBe(202);
    await stack.caughtUp(5);
    baseline = await stack.indicators('Q', '2026-04-01', '2026-04-30');
    endBefore = await topicEndOffsets(stack.topic);
  });
  afterAll(() => stack.stop());

  const valid = () => received(`E-${Math.random()}`, 'Q-X', '2026-04-02T08:00:00+07:00');

  it('401 without a key, with a malformed key and with an unknown key', async () => {
    for (const key of [null, 'not-a-key', 'kAAAAAAAAAAAA.' + 'A'.repeat(43)]) {
      const res = await stack.post([valid()], key);
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthorized');
    }
  });

  it('400 validation_failed with index, path and message per bad event; nothing of the batch is accepted', async () => {
    const bad = { ...valid(), data: { ...valid().data, channel: 'fax' } };
    const res = await stack.post([valid(), bad, { ...valid(), time: '2026-04-02 08:00' }], producer);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details).toEqual([
      { index: 1, path: 'data.channel', message: expect.stringContaining('channel') },
      { index: 1, path: 'data.onlineLevel', message: expect.stringContaining('only when channel is "online"') },
      { index: 2, path: 'time', message: expect.stringContaining('RFC 3339') },
    ]);
  });

  it('400 for bodies that are not JSON, not UTF-8, empty, or batches of the wrong size', async () => {
    const raw = (body: string | Buffer, type = 'application/json') =>
      stack.request('ingest-api', 'POST', '/v1/events', { body, headers: { 'content-type': type }, key: producer });
    for (const body of ['{"specversion":', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), '', '[]', JSON.stringify(Array.from({ length: 1001 }, valid))]) {
      const res = await raw(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation_failed');
    }
    expect((await raw(JSON.stringify([valid()]), 'application/cloudevents+json')).status).toBe(400);
    expect((await raw(JSON.stringify(valid()), 'application/cloudevents-batch+json')).status).toBe(400);
  });

  it('403 outside the key scope: another source, an agency outside its subtree, an unregistered agency, agency.registered, a reader key', async () => {
    const cases: [unknown, string][] = [
      [{ ...valid(), source: '/onestop/elsewhere' }, 'source'],
      [received('E-x', 'OTHER', '2026-04-02T08:00:00+07:00'), 'data.agencyCode'],
      [received('E-y', 'Q-NEW', '2026-04-02T08:00:00+07:00'), 'data.agencyCode'],
      [{ ...agency('Q-Y', 'commune', 'Q'), source: '/onestop/test' }, 'type'],
    ];
    for (const [event, path] of cases) {
      const res = await stack.post([valid(), event], producer);
      expect(res.status).toBe(403);
      expect(res.body.details).toEqual([expect.objectContaining({ index: 1, path })]);
    }
    const reader = await stack.createKey({ role: 'reader' });
    expect((await stack.post([valid()], reader)).status).toBe(403);
    const admin = await stack.request('ingest-api', 'POST', '/v1/admin/keys', { body: JSON.stringify({ role: 'reader' }), headers: { 'content-type': 'application/json' }, key: producer });
    expect(admin.status).toBe(403);
  });

  it('400 for a bad key request, naming the field', async () => {
    const res = await stack.request('ingest-api', 'POST', '/v1/admin/keys', { body: JSON.stringify({ role: 'producer', agencies: ['Q'] }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'source' })]);
  });

  it('413 for a body over 1 MiB', async () => {
    const big = JSON.stringify([{ ...valid(), pad: 'x'.repeat(1024 * 1024) }]);
    const res = await stack.request('ingest-api', 'POST', '/v1/events', { body: big, headers: { 'content-type': 'application/json' }, key: producer });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('payload_too_large');
  });

  it('415 for other media types and charsets', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/json; charset=latin1']) {
      const res = await stack.request('ingest-api', 'POST', '/v1/events', { body: JSON.stringify([valid()]), headers: { 'content-type': type }, key: producer });
      expect(res.status).toBe(415);
    }
  });

  it('429 with Retry-After past the key rate limit', async () => {
    const limited = await stack.createKey({ role: 'producer', source: '/onestop/test', agencies: ['Q'], rateLimitPerSecond: 1 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await stack.post([{ ...valid(), data: { ...valid().data, channel: 'teleport' } }], limited);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('503 with Retry-After when the bus is unavailable, within the send deadline', async () => {
    const port = await freePort();
    const app = startApp('ingest-api', port, stack.env({ INGEST_PORT: String(port), KAFKA_BROKERS: '127.0.0.1:1', KAFKA_SEND_TIMEOUT_MS: '3000' }), `${stack.id}-ingest-nobus`);
    try {
      await eventually('the bus-less ingest API to answer', async () => ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok ? true : undefined));
      const res = await fetch(`http://127.0.0.1:${port}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents-batch+json', authorization: `Bearer ${producer}` },
        body: JSON.stringify([valid()]),
      });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: string }).error).toBe('bus_unavailable');
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(503);
    } finally {
      await stopApp(app);
    }
  });

  it('a refused request changes no number and puts nothing on the topic', async () => {
    expect(await topicEndOffsets(stack.topic)).toBe(endBefore);
    const s = await stack.caughtUp();
    expect(s.eventsApplied).toBe(5);
    expect(await stack.indicators('Q', '2026-04-01', '2026-04-30')).toEqual({ ...baseline, asOf: expect.any(String) });
  });
});
