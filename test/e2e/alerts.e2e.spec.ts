/**
 * Alerts on the real broker and database, with two query-api instances sharing one database: rules over the
 * API, one webhook notification per crossing (breached, then resolved) whoever evaluates, retries through a
 * failing receiver, none for a window without enough data, and a pending notification that survives a crash.
 * Evaluation runs on the projector's notifications only (the timer is set to an hour), so a notification
 * here proves the LISTEN path.
 */
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { agency, cloudEvent, transferred } from '../support/events';
import { RunningApp, eventually, freePort, startApp, stopApp, waitReady } from '../support/processes';
import { TestStack } from '../support/stack';

interface Received {
  path: string;
  body: any;
  headers: IncomingHttpHeaders;
  answered: number;
}

/** A webhook receiver: records every request; a path can be told to fail its next n requests, or to be down. */
class Receiver {
  readonly requests: Received[] = [];
  readonly failNext = new Map<string, number>();
  readonly down = new Set<string>();
  private server?: Server;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        const failing = this.failNext.get(path) ?? 0;
        if (failing > 0) this.failNext.set(path, failing - 1);
        const answered = failing > 0 ? 500 : this.down.has(path) ? 503 : 204;
        this.requests.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: req.headers, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((res) => this.server!.listen(0, '127.0.0.1', res));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((res) => (this.server ? this.server.close(() => res()) : res()));
  }
}

/** An event time a couple of minutes ago: today or yesterday in local time, never in the future. */
const recently = () => new Date(Date.now() - 2 * 60_000).toISOString();
const workfile = (id: string, agencyCode: string, electronic: boolean) => cloudEvent('workfile.processed', id, recently(), { agencyCode, electronic });

describe('alerts: webhook notifications when an indicator crosses a threshold', () => {
  const stack = new TestStack('alerts', {
    ALERTS_EVALUATE_INTERVAL_MS: '3600000',
    ALERTS_COALESCE_MS: '100',
    ALERTS_DELIVERY_POLL_MS: '100',
    ALERTS_RETRY_BASE_MS: '100',
    ALERTS_DELIVERY_TIMEOUT_MS: '2000',
  });
  const receiver = new Receiver();
  let second: RunningApp | undefined;

  const json = (method: string, path: string, body?: unknown, key?: string) =>
    stack.request('query-api', method, path, { body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' }, key });
  const createRule = async (rule: Record<string, unknown>) => {
    const res = await json('POST', '/v1/alerts/rules', rule);
    expect(res.status).toBe(201);
    return res.body;
  };
  const deliveries = async (ruleId: string) => {
    const res = await json('GET', `/v1/alerts/rules/${ruleId}/deliveries`);
    expect(res.status).toBe(200);
    return res.body.deliveries as any[];
  };
  const post = async (events: unknown[]) => {
    expect((await stack.post(events)).status).toBe(202);
    await stack.caughtUp();
  };
  const instances = () => [stack.url('query-api', ''), ...(second ? [`http://127.0.0.1:${second.port}`] : [])];

  /** Waits until some instance has completed an evaluation that began with every event projected so far. */
  const evaluatedAll = async () => {
    const { eventsApplied } = await stack.caughtUp();
    await eventually(`an alert evaluation that saw ${eventsApplied} events applied`, async () => {
      const seen = await Promise.all(instances().map(async (base) => {
        const text = await (await fetch(`${base}/metrics`)).text();
        return Number(/^alert_evaluated_events_applied (\S+)$/m.exec(text)?.[1] ?? 0);
      }));
      return Math.max(...seen) >= eventsApplied ? true : undefined;
    });
  };

  /** Every event evaluated and every notification final (delivered or failed). */
  const quiescent = async (ruleIds: string[]) => {
    await evaluatedAll();
    await eventually('every notification delivered or failed', async () => {
      const all = (await Promise.all(ruleIds.map(deliveries))).flat();
      return all.every((d) => d.status !== 'pending') ? true : undefined;
    });
  };

  beforeAll(async () => {
    await receiver.start();
    await stack.start();
    const port = await freePort();
    second = startApp('query-api', port, stack.env({ QUERY_PORT: String(port) }), `${stack.id}-query-api-2`);
    await waitReady(second);
    await post([
      agency('A', 'province', null), agency('A-1', 'department', 'A'), agency('B', 'province', null),
      agency('C', 'province', null), agency('D', 'province', null),
    ]);
  });
  afterAll(async () => {
    if (second) await stopApp(second);
    await stack.stop();
    await receiver.close();
  });

  it('creates, lists, shows and deletes rules; 400 names the bad field; 404 for an unknown rule or agency; admin only', async () => {
    const rule = await createRule({ indicator: 'electronicTransferRate', agency: 'A', target: '2025', window: 'month', webhookUrl: receiver.url('/crud') });
    expect(rule).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), indicator: 'electronicTransferRate', agency: 'A', threshold: 0.8, target: '2025',
      window: 'month', direction: 'below', minDenominator: 1, webhookUrl: receiver.url('/crud'),
      createdAt: expect.any(String), state: 'ok', stateChangedAt: null,
    });
    const workfiles = await createRule({
      indicator: 'workfileElectronicRate', level: 'commune', agency: 'A', threshold: 0.25, window: 'last30days',
      webhookUrl: receiver.url('/crud'), direction: 'above', minDenominator: 20,
    });
    expect(workfiles).toMatchObject({ level: 'commune', threshold: 0.25, direction: 'above', minDenominator: 20 });
    expect(workfiles.target).toBeUndefined();

    expect((await json('GET', '/v1/alerts/rules')).body.rules.map((r: any) => r.id)).toEqual([rule.id, workfiles.id]);
    expect((await json('GET', `/v1/alerts/rules/${rule.id}`)).body).toEqual(rule);
    expect(await deliveries(rule.id)).toEqual([]);

    const valid = { indicator: 'onTimeRate', agency: 'A', threshold: 0.9, window: 'today', webhookUrl: receiver.url('/crud') };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...valid, indicator: 'speed' }, 'indicator'],
      [{ ...valid, threshold: 1.5 }, 'threshold'],
      [{ ...valid, threshold: '0.9' }, 'threshold'],
      [{ ...valid, threshold: undefined }, 'threshold'],
      [{ ...valid, target: '2025' }, 'target'],
      [{ ...valid, threshold: undefined, target: '2025' }, 'target'], // onTimeRate has no plan target
      [{ ...valid, threshold: undefined, target: '2040' }, 'target'],
      [{ ...valid, level: 'commune' }, 'level'],
      [{ ...valid, indicator: 'workfileElectronicRate', level: 'hamlet' }, 'level'],
      [{ ...valid, window: 'week' }, 'window'],
      [{ ...valid, webhookUrl: 'ftp://example.vn/hook' }, 'webhookUrl'],
      [{ ...valid, webhookUrl: 'not a url' }, 'webhookUrl'],
      [{ ...valid, direction: 'sideways' }, 'direction'],
      [{ ...valid, minDenominator: 0 }, 'minDenominator'],
      [{ ...valid, minDenominator: 1.5 }, 'minDenominator'],
      [{ ...valid, agency: '' }, 'agency'],
      [{ ...valid, colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of bad) {
      const res = await json('POST', '/v1/alerts/rules', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([field]);
    }
    const planless = await json('POST', '/v1/alerts/rules', { ...valid, threshold: undefined, target: '2025' });
    expect(planless.body.details[0].message).toBe('the plan sets no 2025 target for onTimeRate');

    expect((await json('POST', '/v1/alerts/rules', { ...valid, agency: 'NOPE' })).status).toBe(404);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await json('GET', `/v1/alerts/rules/${id}`)).status).toBe(404);
      expect((await json('GET', `/v1/alerts/rules/${id}/deliveries`)).status).toBe(404);
      expect((await json('DELETE', `/v1/alerts/rules/${id}`)).status).toBe(404);
    }

    const reader = await stack.createKey({ role: 'reader' });
    expect((await json('POST', '/v1/alerts/rules', valid, reader)).status).toBe(403);
    expect((await json('GET', '/v1/alerts/rules', undefined, reader)).status).toBe(403);
    expect((await stack.request('query-api', 'GET', '/v1/alerts/rules', { key: null })).status).toBe(401);

    for (const r of [rule, workfiles]) {
      expect((await json('DELETE', `/v1/alerts/rules/${r.id}`)).status).toBe(204);
      expect((await json('GET', `/v1/alerts/rules/${r.id}`)).status).toBe(404);
    }
    expect((await json('GET', '/v1/alerts/rules')).body.rules).toEqual([]);
    expect(receiver.at('/crud')).toEqual([]);

    const openApi = (await stack.request('query-api', 'GET', '/docs/openapi.json', { key: null })).body;
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/v1/alerts/rules', '/v1/alerts/rules/{id}', '/v1/alerts/rules/{id}/deliveries']));
  });

  it('notifies once on breach, nothing while it stays breached, once on resolve; nothing for a window without enough data', async () => {
    const below = await createRule({ indicator: 'electronicTransferRate', agency: 'A', threshold: 0.5, window: 'last7days', webhookUrl: receiver.url('/below') });
    const planTarget = await createRule({ indicator: 'electronicTransferRate', agency: 'A', target: '2025', window: 'last7days', webhookUrl: receiver.url('/target') });
    const above = await createRule({ indicator: 'electronicTransferRate', agency: 'A-1', threshold: 0.5, direction: 'above', window: 'last30days', webhookUrl: receiver.url('/above') });
    const emptyToday = await createRule({ indicator: 'electronicTransferRate', agency: 'B', threshold: 0.5, window: 'today', webhookUrl: receiver.url('/empty') });
    const emptyMonth = await createRule({ indicator: 'electronicTransferRate', agency: 'B', threshold: 0.5, window: 'month', webhookUrl: receiver.url('/empty') });
    const tooFew = await createRule({ indicator: 'electronicTransferRate', agency: 'A', threshold: 0.5, window: 'last7days', minDenominator: 10, webhookUrl: receiver.url('/too-few') });
    const all = [below, planTarget, above, emptyToday, emptyMonth, tooFew].map((r) => r.id);

    // Given one paper transfer (0/1), when it is projected, then "below" is breached and notified once.
    await post([transferred('T-1', 'A-1', recently(), 'paper')]);
    await eventually('the breached notification', async () => ((await deliveries(below.id))[0]?.status === 'delivered' ? true : undefined));
    const [breached] = receiver.at('/below');
    expect(breached.body).toEqual({
      ruleId: below.id, state: 'breached', indicator: 'electronicTransferRate', agency: 'A', window: 'last7days',
      from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      value: 0, numerator: 0, denominator: 1, threshold: 0.5, at: expect.any(String),
    });
    expect(breached.headers['content-type']).toBe('application/json');
    expect((await json('GET', `/v1/alerts/rules/${below.id}`)).body).toMatchObject({ state: 'breached', stateChangedAt: breached.body.at });

    // More paper keeps it breached (0/2): nothing more.
    await post([transferred('T-2', 'A-1', recently(), 'paper')]);
    await quiescent(all);
    expect(receiver.at('/below')).toHaveLength(1);

    // Two electronic transfers bring it to 2/4 = 0.5, no longer below 0.5 (on the way, perhaps 1/3: still breached): resolved once.
    await post(['T-3', 'T-4'].map((d) => transferred(d, 'A-1', recently(), 'electronic')));
    await eventually('the resolved notification', async () => (receiver.at('/below').length === 2 ? true : undefined));
    await quiescent(all);
    expect(receiver.at('/above')).toEqual([]); // 0.5 is not above 0.5
    // 3/5 then 4/6: "below" stays resolved; "above" (A-1, 0.6 > 0.5) is breached once.
    await post([transferred('T-5', 'A-1', recently(), 'electronic')]);
    await quiescent(all);
    await post([transferred('T-6', 'A-1', recently(), 'electronic')]);
    await quiescent(all);

    expect(receiver.at('/below').map((r) => [r.body.state, r.body.numerator, r.body.denominator])).toEqual([['breached', 0, 1], ['resolved', 2, 4]]);
    expect(receiver.at('/below')[1].body).toMatchObject({ value: 0.5, threshold: 0.5 });
    expect((await deliveries(below.id)).map((d) => [d.state, d.status, d.attempts])).toEqual([['resolved', 'delivered', 1], ['breached', 'delivered', 1]]);
    expect((await json('GET', `/v1/alerts/rules/${below.id}`)).body.state).toBe('ok');

    // The plan's 2025 minimum (0.8) is never met (at most 4/6): one breach, no resolve.
    expect(receiver.at('/target').map((r) => [r.body.state, r.body.threshold, r.body.denominator])).toEqual([['breached', 0.8, 1]]);
    expect(receiver.at('/above').map((r) => [r.body.state, r.body.agency, r.body.value])).toEqual([['breached', 'A-1', 0.6]]);

    // No data in B's windows, and fewer than 10 transfers in A's: never a notification.
    expect(receiver.at('/empty')).toEqual([]);
    expect(receiver.at('/too-few')).toEqual([]);
    for (const r of [emptyToday, emptyMonth, tooFew]) {
      expect(await deliveries(r.id)).toEqual([]);
      expect((await json('GET', `/v1/alerts/rules/${r.id}`)).body.state).toBe('ok');
    }
    // Each notification went out once although two query-api instances evaluate and deliver.
    const ids = receiver.requests.map((r) => r.headers['x-alert-delivery-id']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('retries a receiver that answers 500 twice: delivered on the third attempt, once', async () => {
    receiver.failNext.set('/flaky', 2);
    const rule = await createRule({
      indicator: 'workfileElectronicRate', level: 'provinceDepartment', agency: 'C', threshold: 0.9, window: 'last7days', webhookUrl: receiver.url('/flaky'),
    });
    await post([workfile('W-1', 'C', false)]);
    await eventually('the notification through retries', async () => ((await deliveries(rule.id))[0]?.status === 'delivered' ? true : undefined));
    await quiescent([rule.id]);

    const [delivery] = await deliveries(rule.id);
    expect(delivery).toMatchObject({ state: 'breached', status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null, nextAttemptAt: null });
    expect(delivery.notification).toMatchObject({ level: 'provinceDepartment', value: 0, numerator: 0, denominator: 1 });
    const tries = receiver.at('/flaky');
    expect(tries.map((t) => t.answered)).toEqual([500, 500, 204]);
    expect(tries.map((t) => t.headers['x-alert-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(tries.map((t) => t.headers['x-alert-delivery-id']))).toEqual(new Set([delivery.id]));
    expect(tries.every((t) => JSON.stringify(t.body) === JSON.stringify(delivery.notification))).toBe(true);
  });

  it('keeps a crossing recorded while every query-api is killed, and delivers it once after a restart', async () => {
    receiver.down.add('/down');
    const rule = await createRule({ indicator: 'electronicTransferRate', agency: 'D', threshold: 0.5, window: 'last7days', webhookUrl: receiver.url('/down') });
    await post([transferred('T-D1', 'D', recently(), 'paper')]);
    await eventually('a first failed attempt', async () => (receiver.at('/down').length > 0 ? true : undefined));

    await stopApp(second!, 'SIGKILL');
    second = undefined;
    await stack.stopApp('query-api', 'SIGKILL');
    receiver.down.delete('/down');
    await stack.startApp('query-api');

    await eventually('the notification after the restart', async () => ((await deliveries(rule.id))[0]?.status === 'delivered' ? true : undefined));
    await quiescent([rule.id]);
    const rows = await deliveries(rule.id);
    expect(rows.map((d) => [d.state, d.status])).toEqual([['breached', 'delivered']]);
    expect(receiver.at('/down').filter((r) => r.answered === 204)).toHaveLength(1);
    expect(new Set(receiver.at('/down').map((r) => r.headers['x-alert-delivery-id']))).toEqual(new Set([rows[0].id]));
  });
});
