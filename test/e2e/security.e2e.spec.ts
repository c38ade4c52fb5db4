/**
 * The security controls of docs/security.md, checked against the running services: keys stored hashed,
 * no secret in the logs, scopes enforced per event, rate limits per key, the body size limit, and keys
 * accepted only in the Authorization header.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { agency, received } from '../support/events';
import { topicEndOffsets } from '../support/kafka';
import { ARTIFACTS, eventually } from '../support/processes';
import { SseClient } from '../support/sse';
import { TestStack } from '../support/stack';

const MiB = 1024 * 1024;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const secretOf = (key: string) => key.split('.')[1];

describe('security controls', () => {
  const stack = new TestStack('security');
  let producer: string;
  let reader: string;
  const created: string[] = [];
  const wrongKeys = ['kAAAAAAAAAAAA.' + 'B'.repeat(43), 'wrong-key-' + 'C'.repeat(30)];

  const valid = () => received(`S-${Math.random()}`, 'Q-X', '2026-04-02T08:00:00+07:00');
  const createKey = async (spec: Record<string, unknown>) => {
    const key = await stack.createKey(spec);
    created.push(key);
    return key;
  };

  beforeAll(async () => {
    await stack.start();
    expect((await stack.post([agency('Q', 'province', null), agency('Q-X', 'commune', 'Q'), agency('OTHER', 'province', null)])).status).toBe(202);
    await stack.caughtUp(3);
    producer = await createKey({ role: 'producer', source: '/onestop/test', agencies: ['Q'] });
    reader = await createKey({ role: 'reader' });
  }, 60_000);
  afterAll(() => stack.stop());

  it('stores keys hashed: no part of a secret in api_keys, only SHA-256 of it', async () => {
    const admin = await createKey({ role: 'admin' });
    const rows = await stack.sql<Record<string, unknown>>('SELECT * FROM api_keys');
    expect(rows).toHaveLength(created.length);
    const stored = JSON.stringify(rows, (_k, v) => (v && v.type === 'Buffer' ? [Buffer.from(v.data).toString('hex'), Buffer.from(v.data).toString('base64'), Buffer.from(v.data).toString('base64url')] : v));
    for (const key of [producer, reader, admin]) {
      const secret = secretOf(key);
      for (let i = 0; i + 8 <= secret.length; i++) expect(stored).not.toContain(secret.slice(i, i + 8));
      const row = rows.find((r) => r.id === key.split('.')[0])!;
      expect(row.secret_sha256).toEqual(sha256(secret));
    }
  });

  it('refuses a whole batch with 403 naming index 1 when its 2nd event is outside the key scope; nothing reaches the topic', async () => {
    const before = await topicEndOffsets(stack.topic);
    for (const [outside, path] of [[received('S-out', 'OTHER', '2026-04-02T08:00:00+07:00'), 'data.agencyCode'], [{ ...valid(), source: '/onestop/other' }, 'source']] as const) {
      const res = await stack.post([valid(), outside, valid()], producer);
      expect(res.status).toBe(403);
      expect(res.body.details).toEqual([expect.objectContaining({ index: 1, path })]);
    }
    expect(await topicEndOffsets(stack.topic)).toBe(before);
  });

  it('limits rate per key: exhausting one key (1 req/s) does not limit another', async () => {
    const spec = { role: 'producer', source: '/onestop/test', agencies: ['Q'], rateLimitPerSecond: 1 };
    const [a, b] = [await createKey(spec), await createKey(spec)];
    const statusesOfA: number[] = [];
    for (let i = 0; i < 4; i++) statusesOfA.push((await stack.post([valid()], a)).status);
    expect(statusesOfA.slice(0, 2)).toEqual([202, 202]); // a burst of two seconds' worth
    expect(statusesOfA.slice(2)).toContain(429);
    expect((await stack.post([valid()], a)).status).toBe(429);
    expect((await stack.post([valid()], b)).status).toBe(202);
  });

  it('limits the body: 1 MiB + 1 byte is 413, exactly 1 MiB of valid JSON is accepted', async () => {
    const raw = (body: Buffer) => stack.request('ingest-api', 'POST', '/v1/events', { body, headers: { 'content-type': 'application/cloudevents-batch+json' }, key: producer });
    const json = JSON.stringify([valid()]);
    const exactly = Buffer.alloc(MiB, ' ');
    exactly.write(json, 0, 'utf8'); // valid JSON followed by whitespace, which JSON allows
    expect(exactly.length).toBe(MiB);
    const over = Buffer.concat([exactly, Buffer.from(' ')]);

    const tooBig = await raw(over);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toBe('payload_too_large');
    expect((await raw(exactly)).status).toBe(202);
  });

  it('never takes a key from the query string on the query API', async () => {
    const paths = ['/v1/indicators?agency=Q&from=2026-04-01&to=2026-04-30', '/v1/status?x=1', '/v1/agencies?x=1', '/v1/reports/resolution?agency=Q&from=2026-04-01&to=2026-04-30'];
    for (const path of paths) {
      for (const param of ['key', 'access_token', 'api_key', 'apiKey', 'token', 'authorization']) {
        for (const key of [reader, stack.adminKey]) {
          const res = await stack.request('query-api', 'GET', `${path}&${param}=${encodeURIComponent(key)}`, { key: null });
          expect([path, param, res.status]).toEqual([path, param, 401]);
        }
      }
    }
    const stream = await SseClient.open(stack.url('query-api', `/v1/stream?agency=Q&access_token=${encodeURIComponent(reader)}&key=${encodeURIComponent(reader)}`), { key: null });
    expect(stream.status).toBe(401);
    expect((await stack.request('query-api', 'GET', `/v1/status`, { key: reader })).status).toBe(200); // the same key in the header works
  });

  it('writes no key to the service logs', async () => {
    // Requests with every kind of key, including wrong ones and ones that fail, on both APIs and the dashboard.
    const keys = [stack.adminKey, producer, reader, ...wrongKeys];
    for (const key of keys) {
      await stack.post([valid()], key);
      await stack.post({ not: 'an event' }, key);
      await stack.request('ingest-api', 'POST', '/v1/admin/keys', { body: JSON.stringify({ role: 'reader', extra: key }), headers: { 'content-type': 'application/json' }, key });
      await stack.request('query-api', 'GET', '/v1/indicators?agency=Q&from=2026-04-01&to=2026-04-30', { key });
      await stack.request('query-api', 'GET', `/v1/indicators?agency=${encodeURIComponent(key)}&from=2026-04-01&to=2026-04-30`, { key });
      await stack.request('query-api', 'GET', '/v1/status', { key });
      await stack.request('query-api', 'GET', '/dashboard', { key });
      await stack.request('query-api', 'GET', '/dashboard/dashboard.js', { key });
      await stack.request('query-api', 'POST', '/v1/alerts/rules', { body: JSON.stringify({ indicator: 'onTimeRate', agency: 'Q', threshold: 0.5, window: 'today', webhookUrl: 'not a url', secret: key }), headers: { 'content-type': 'application/json' }, key });
      const stream = await SseClient.open(stack.url('query-api', '/v1/stream?agency=Q'), { key });
      if (stream.status === 200) {
        await stream.waitFor('a snapshot', () => stream.events.length > 0);
        await stream.close();
      }
    }
    expect((await stack.request('query-api', 'GET', '/v1/indicators?agency=Q&from=2026-04-01&to=2026-04-30', { key: reader })).status).toBe(200);

    // The services write no line per request, so the last lines are their shutdown: stop them, and read each
    // log once its process has exited and the file has stopped growing.
    const logs: string[] = [];
    for (const app of ['ingest-api', 'query-api', 'projector-0']) {
      const { child } = stack.app(app);
      const closed = Promise.all([child.stdout!, child.stderr!].map((s) => (s.closed ? Promise.resolve() : new Promise((r) => s.once('close', r)))));
      await stack.stopApp(app);
      await closed;
      const file = join(ARTIFACTS, 'logs', `${stack.id}-${app}.log`);
      let size = -1;
      await eventually(`${file} to be complete`, async () => {
        const now = existsSync(file) ? statSync(file).size : -1;
        const stable = now > 0 && now === size;
        size = now;
        return stable ? true : undefined;
      }, 5_000, 100);
      logs.push(readFileSync(file, 'utf8'));
    }
    expect(logs[0]).toContain('listening');
    expect(logs[1]).toContain('listening');
    const all = logs.join('\n');
    for (const key of keys) {
      expect(all).not.toContain(key);
      expect(all).not.toContain(key.includes('.') ? secretOf(key) : key.slice(-16));
    }
  });
});
