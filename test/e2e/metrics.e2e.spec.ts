/**
 * Given the three services on the real broker and database, `GET /metrics` on each serves its own
 * Prometheus metrics, and they move when they should: ingest outcomes by reason, the projector's work and
 * lag (also while it cannot project), and the query API's indicator gauges equal to /v1/indicators.
 */
import { INDICATOR_NAMES, LEVEL_GROUPS, localToday } from '@app/indicators';
import { Client } from 'pg';
import { databaseUrl } from '../support/database';
import { agency, cloudEvent, nextId, received, transferred } from '../support/events';
import { kcatProduce, produce } from '../support/kafka';
import { AppName, eventually, freePort, startApp, stopApp } from '../support/processes';
import { TestStack } from '../support/stack';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One scrape, parsed from the Prometheus text format. */
class Scrape {
  readonly samples: Sample[] = [];
  readonly types = new Map<string, string>();

  constructor(text: string) {
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) (\S+)/.exec(line);
      if (type) this.types.set(type[1], type[2]);
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) continue;
      const labels: Record<string, string> = {};
      for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
      this.samples.push({ name: m[1], labels, value: Number(m[3]) });
    }
  }

  /** The samples of `name` whose labels include `match` (a label given as '' must be absent). */
  series(name: string, match: Record<string, string> = {}): Sample[] {
    return this.samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => (s.labels[k] ?? '') === v));
  }

  /** The sum over the matching samples; 0 when there are none. */
  value(name: string, match: Record<string, string> = {}): number {
    return this.series(name, match).reduce((n, s) => n + s.value, 0);
  }
}

describe('metrics: GET /metrics on every service', () => {
  const stack = new TestStack('metrics');
  const past = '2025-06-02T08:00:00+07:00'; // outside today and this month: the indicator gauges stay put
  const valid = () => received(nextId('M'), 'M-X', past);
  const invalid = () => ({ ...valid(), data: { ...valid().data, channel: 'teleport' } });

  const scrapeUrl = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return new Scrape(await res.text());
  };
  const scrape = (app: AppName) => scrapeUrl(stack.url(app, '/metrics'));
  /** Scrapes until `done` holds (counters move once the response has gone out), then returns that scrape. */
  const scrapeUntil = (what: string, scrapeOnce: () => Promise<Scrape>, done: (m: Scrape) => boolean) =>
    eventually(what, async () => {
      const m = await scrapeOnce();
      return done(m) ? m : undefined;
    });

  /** Caught up, and the projector's own gauges have seen its last commit. */
  const projectorSettled = async () => {
    const s = await stack.caughtUp();
    const next = s.partitions.reduce((n: number, p: { nextOffset: number }) => n + p.nextOffset, 0);
    return scrapeUntil('the projector metrics to settle', () => scrape('projector'), (m) => m.value('projector_next_offset') === next);
  };

  beforeAll(async () => {
    await stack.start();
    expect((await stack.post([agency('M', 'province', null), agency('M-X', 'commune', 'M'), agency('N', 'province', null)])).status).toBe(202);
    await stack.caughtUp(3);
  });
  afterAll(() => stack.stop());

  it('serves each metric on its own service', async () => {
    const [ingest, projector, query] = await Promise.all([scrape('ingest-api'), scrape('projector'), scrape('query-api')]);
    const expected: [Scrape, Record<string, string>][] = [
      [ingest, { ingest_events_accepted_total: 'counter', ingest_events_rejected_total: 'counter', ingest_requests_total: 'counter', http_request_duration_seconds: 'histogram' }],
      [projector, {
        projector_events_applied_total: 'counter', projector_duplicates_total: 'counter', projector_dead_lettered_total: 'counter',
        projector_batch_size: 'histogram', projector_batch_apply_seconds: 'histogram', projector_next_offset: 'gauge',
        projector_consumer_lag_messages: 'gauge', projector_consumer_lag_seconds: 'gauge', http_request_duration_seconds: 'histogram',
      }],
      [query, { dossier_indicator_value: 'gauge', dossier_indicator_numerator: 'gauge', dossier_indicator_denominator: 'gauge', dossier_indicator_target: 'gauge', http_request_duration_seconds: 'histogram' }],
    ];
    for (const [m, types] of expected) for (const [name, type] of Object.entries(types)) expect([name, m.types.get(name)]).toEqual([name, type]);
    expect([...ingest.types.keys()].filter((n) => n.startsWith('projector_') || n.startsWith('dossier_'))).toEqual([]);
    expect([...projector.types.keys()].filter((n) => n.startsWith('ingest_') || n.startsWith('dossier_'))).toEqual([]);
    expect([...query.types.keys()].filter((n) => n.startsWith('ingest_') || n.startsWith('projector_'))).toEqual([]);
  });

  it('ingest: counts accepted events, and rejected events by reason (a body that cannot be parsed counts once)', async () => {
    const producer = await stack.createKey({ role: 'producer', source: '/onestop/test', agencies: ['M'] });
    const reader = await stack.createKey({ role: 'reader' });
    const raw = (body: string, type: string, key: string | null = producer) =>
      stack.request('ingest-api', 'POST', '/v1/events', { body, headers: { 'content-type': type }, key });
    const accepted = (m: Scrape) => m.value('ingest_events_accepted_total');
    const rejected = (m: Scrape, reason: string) => m.value('ingest_events_rejected_total', { reason });
    const requests = (m: Scrape, status: string) => m.value('ingest_requests_total', { status });

    const cases: { what: string; send: () => Promise<{ status: number }>; status: number; reason?: string; events: number }[] = [
      { what: 'a batch of three', send: () => stack.post([valid(), valid(), valid()], producer), status: 202, events: 3 },
      { what: 'a batch with an invalid event', send: () => stack.post([valid(), invalid()], producer), status: 400, reason: 'validation_failed', events: 2 },
      { what: 'a body that is not JSON', send: () => raw('{"specversion":', 'application/json'), status: 400, reason: 'validation_failed', events: 1 },
      { what: 'no key', send: () => stack.post([valid(), valid()], null), status: 401, reason: 'unauthorized', events: 2 },
      { what: 'a reader key', send: () => stack.post([valid()], reader), status: 403, reason: 'forbidden', events: 1 },
      { what: 'an agency outside the scope', send: () => stack.post([valid(), received(nextId('M'), 'N', past)], producer), status: 403, reason: 'forbidden', events: 2 },
      { what: 'text/plain', send: () => raw(JSON.stringify([valid(), valid(), valid()]), 'text/plain'), status: 415, reason: 'unsupported_media_type', events: 3 },
      { what: 'over 1 MiB', send: () => raw(JSON.stringify([{ ...valid(), pad: 'x'.repeat(1024 * 1024) }]), 'application/json'), status: 413, reason: 'payload_too_large', events: 1 },
    ];
    for (const c of cases) {
      const before = await scrape('ingest-api');
      expect([c.what, (await c.send()).status]).toEqual([c.what, c.status]);
      const after = await scrapeUntil(`the ${c.status} to be counted`, () => scrape('ingest-api'), (m) => requests(m, String(c.status)) > requests(before, String(c.status)));
      expect([c.what, requests(after, String(c.status)) - requests(before, String(c.status))]).toEqual([c.what, 1]);
      expect([c.what, accepted(after) - accepted(before)]).toEqual([c.what, c.status === 202 ? c.events : 0]);
      for (const reason of ['validation_failed', 'unauthorized', 'forbidden', 'payload_too_large', 'unsupported_media_type', 'rate_limited']) {
        expect([c.what, reason, rejected(after, reason) - rejected(before, reason)]).toEqual([c.what, reason, reason === c.reason ? c.events : 0]);
      }
    }

    // 429: one request a second with a burst of two; every request carries two events.
    const limited = await stack.createKey({ role: 'producer', source: '/onestop/test', agencies: ['M'], rateLimitPerSecond: 1 });
    const before = await scrape('ingest-api');
    const statuses: number[] = [];
    while (!statuses.includes(429) && statuses.length < 10) statuses.push((await stack.post([valid(), valid()], limited)).status);
    expect(statuses).toContain(429);
    const n202 = statuses.filter((s) => s === 202).length;
    const after = await scrapeUntil('the 429 to be counted', () => scrape('ingest-api'), (m) => requests(m, '429') > requests(before, '429'));
    expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
    expect(rejected(after, 'rate_limited') - rejected(before, 'rate_limited')).toBe(2);
    expect(accepted(after) - accepted(before)).toBe(2 * n202);
  });

  it('ingest: counts bus_unavailable when Kafka does not acknowledge', async () => {
    const port = await freePort();
    const app = startApp('ingest-api', port, stack.env({ INGEST_PORT: String(port), KAFKA_BROKERS: '127.0.0.1:1', KAFKA_SEND_TIMEOUT_MS: '1000' }), `${stack.id}-ingest-nobus`);
    try {
      await eventually('the bus-less ingest API to answer', async () => ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok ? true : undefined));
      const res = await fetch(`http://127.0.0.1:${port}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents-batch+json', authorization: `Bearer ${stack.adminKey}` },
        body: JSON.stringify([valid(), valid()]),
      });
      expect(res.status).toBe(503);
      const m = await scrapeUntil('the 503 to be counted', () => scrapeUrl(`http://127.0.0.1:${port}/metrics`), (s) => s.value('ingest_requests_total', { status: '503' }) > 0);
      expect(m.value('ingest_requests_total', { status: '503' })).toBe(1);
      expect(m.value('ingest_events_rejected_total', { reason: 'bus_unavailable' })).toBe(2);
      expect(m.value('ingest_events_accepted_total')).toBe(0);
    } finally {
      await stopApp(app);
    }
  });

  it('labels request latency by route pattern, never by raw URL', async () => {
    const before = await scrape('query-api');
    const count = (m: Scrape, route: string, status: string) => m.value('http_request_duration_seconds_count', { method: 'GET', route, status });
    expect((await stack.request('query-api', 'GET', '/v1/indicators?agency=M&from=2025-06-01&to=2025-06-30')).status).toBe(200);
    expect((await stack.request('query-api', 'GET', '/v1/indicators?agency=NOWHERE&from=2025-06-01&to=2025-06-30')).status).toBe(404);
    expect((await stack.request('query-api', 'GET', '/v1/nothing-here/123?x=1')).status).toBe(404);
    const after = await scrapeUntil('the requests to be observed', () => scrape('query-api'), (m) => count(m, 'unmatched', '404') > count(before, 'unmatched', '404'));
    expect(count(after, '/v1/indicators', '200') - count(before, '/v1/indicators', '200')).toBe(1);
    expect(count(after, '/v1/indicators', '404') - count(before, '/v1/indicators', '404')).toBe(1);
    expect(count(after, 'unmatched', '404') - count(before, 'unmatched', '404')).toBe(1);
    const routes = new Set(after.series('http_request_duration_seconds_count').map((s) => s.labels.route));
    expect([...routes].filter((r) => r !== 'unmatched' && !/^\/[\w\-/:{}*.]*$/.test(r))).toEqual([]);
    expect([...routes].filter((r) => r.includes('nothing-here') || r.includes('?') || r.includes('NOWHERE'))).toEqual([]);
    // The ingest API's histogram sees its own routes.
    expect((await scrape('ingest-api')).value('http_request_duration_seconds_count', { method: 'POST', route: '/v1/events', status: '202' })).toBeGreaterThan(0);
  });

  it('projector: counts applied events, duplicates and dead letters, and observes batches', async () => {
    const before = await projectorSettled();
    const event = received(nextId('M'), 'M-X', past);
    await kcatProduce(stack.topic, 'this is not json {', event.subject);
    await kcatProduce(stack.topic, JSON.stringify(event), event.subject);
    await kcatProduce(stack.topic, JSON.stringify(event), event.subject);
    const applied = (m: Scrape) => m.value('projector_events_applied_total');
    const after = await scrapeUntil('the projector to apply the event', () => scrape('projector'), (m) => applied(m) > applied(before) && m.value('projector_duplicates_total') > before.value('projector_duplicates_total'));
    expect(applied(after) - applied(before)).toBe(1);
    expect(after.value('projector_duplicates_total') - before.value('projector_duplicates_total')).toBe(1);
    expect(after.value('projector_dead_lettered_total', { reason: 'invalid_json' }) - before.value('projector_dead_lettered_total', { reason: 'invalid_json' })).toBe(1);
    expect(after.value('projector_dead_lettered_total', { reason: 'validation_failed' }) - before.value('projector_dead_lettered_total', { reason: 'validation_failed' })).toBe(0);
    expect(after.value('projector_batch_size_count')).toBeGreaterThan(before.value('projector_batch_size_count'));
    expect(after.value('projector_batch_size_sum') - before.value('projector_batch_size_sum')).toBe(3);
    expect(after.value('projector_batch_apply_seconds_count')).toBeGreaterThan(before.value('projector_batch_apply_seconds_count'));

    // The next offsets are PostgreSQL's.
    const status = await stack.caughtUp();
    for (const p of status.partitions.filter((p: { nextOffset: number }) => p.nextOffset > 0)) {
      expect([p.partition, after.value('projector_next_offset', { partition: String(p.partition) })]).toEqual([p.partition, p.nextOffset]);
    }
  });

  it('projector: lag is 0 on every partition once caught up', async () => {
    await projectorSettled();
    const m = await scrapeUntil('every partition to show lag 0', () => scrape('projector'), (s) =>
      s.series('projector_consumer_lag_messages').length === 6 && s.series('projector_consumer_lag_messages').every((x) => x.value === 0));
    expect(m.series('projector_consumer_lag_messages').map((s) => s.labels.partition).sort()).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(m.series('projector_consumer_lag_seconds').map((s) => s.value)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('projector: lag in messages and seconds is > 0 for events produced while it was stopped, until it has projected them', async () => {
    const eventsBefore = (await stack.caughtUp()).eventsApplied;
    await stack.stopApp('projector-0');
    const events = [valid(), valid(), valid(), valid()];
    await produce(stack.topic, events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })));
    const producedBy = Date.now();

    // A fresh projector that cannot commit: the test holds a lock that blocks writes to the offsets table.
    const blocker = new Client({ connectionString: databaseUrl(stack.database) });
    await blocker.connect();
    let released = false;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE projector_offsets IN SHARE MODE');
      const projector = await stack.startApp('projector');
      const url = `http://127.0.0.1:${projector.port}/metrics`;
      const lagOf = (m: Scrape) => m.value('projector_consumer_lag_messages');
      const oldestOf = (m: Scrape) => Math.max(...m.series('projector_consumer_lag_seconds').map((s) => s.value));
      // The oldest unprojected event is at least as old as the time since it was produced (it was produced before).
      const lagging = await eventually('the restarted projector to report the lag in messages and seconds', async () => {
        const scrapedFrom = Date.now();
        const [m, status] = [await scrapeUrl(url), await stack.status()];
        return lagOf(m) > 0 && lagOf(m) === status.lag && oldestOf(m) >= (scrapedFrom - producedBy) / 1000 ? { m, status } : undefined;
      });
      expect(lagging.status.lag).toBe(events.length);
      expect(lagging.status.eventsApplied).toBe(eventsBefore);
      // Per partition, as /v1/status reports it.
      for (const p of lagging.status.partitions) {
        expect([p.partition, lagging.m.value('projector_consumer_lag_messages', { partition: String(p.partition) })]).toEqual([p.partition, p.lag]);
      }
      expect(oldestOf(lagging.m)).toBeGreaterThan(0);
      for (const s of lagging.m.series('projector_consumer_lag_seconds')) {
        expect([s.labels.partition, s.value > 0]).toEqual([s.labels.partition, lagging.m.value('projector_consumer_lag_messages', { partition: s.labels.partition }) > 0]);
      }

      await blocker.query('ROLLBACK');
      released = true;
      await stack.caughtUp();
      const m = await scrapeUntil('the lag to return to 0', () => scrapeUrl(url), (s) => s.series('projector_consumer_lag_messages').length === 6 && lagOf(s) === 0);
      expect(m.series('projector_consumer_lag_seconds').map((s) => s.value)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(m.value('projector_events_applied_total')).toBe(events.length);
    } finally {
      if (!released) await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  });

  it('query API: the indicators of the top-level agencies for today and this month equal /v1/indicators', async () => {
    const nowMs = Date.now();
    const today = localToday(nowMs);
    const monthStart = `${today.slice(0, 8)}01`;
    const now = new Date(nowMs - 60_000).toISOString();
    const earlyThisMonth = `${monthStart}T00:01:00+07:00`;
    const before = await scrape('query-api');
    const events = [
      received(nextId('T'), 'M-X', now, 'online'),
      received(nextId('T'), 'M-X', now, 'in_person'),
      received(nextId('T'), 'M-X', earlyThisMonth, 'postal'),
      transferred(nextId('T'), 'M-X', now, 'electronic'),
      transferred(nextId('T'), 'M', earlyThisMonth, 'paper'),
      cloudEvent('workfile.processed', nextId('WF'), now, { agencyCode: 'M-X', electronic: true }),
    ];
    const applied = (await stack.status()).eventsApplied;
    expect((await stack.post(events)).status).toBe(202);
    await stack.caughtUp(applied + events.length);

    const gauges = (m: Scrape, agencyCode: string, window: string) => {
      const out: Record<string, unknown> = {};
      const ratio = (indicator: string, level: string) => {
        const match = { agency: agencyCode, indicator, window, level };
        const value = m.series('dossier_indicator_value', match);
        return { numerator: m.value('dossier_indicator_numerator', match), denominator: m.value('dossier_indicator_denominator', match), value: value.length ? value[0].value : null };
      };
      for (const name of INDICATOR_NAMES) out[name] = ratio(name, '');
      for (const level of LEVEL_GROUPS) out[`workfileElectronicRate.${level}`] = ratio('workfileElectronicRate', level);
      return out;
    };
    const fromApi = (body: any) => {
      const out: Record<string, unknown> = {};
      const pick = ({ numerator, denominator, value }: any) => ({ numerator, denominator, value });
      for (const name of INDICATOR_NAMES) out[name] = pick(body.indicators[name]);
      for (const level of LEVEL_GROUPS) out[`workfileElectronicRate.${level}`] = pick(body.indicators.workfileElectronicRate.byLevel[level]);
      return out;
    };
    // The gauges are cached for a few seconds: wait until they show the events, then compare exactly.
    const { m, todayApi, monthApi } = await eventually('the gauges to equal /v1/indicators', async () => {
      const m = await scrape('query-api');
      const [todayApi, monthApi] = [await stack.indicators('M', today, today), await stack.indicators('M', monthStart, today)];
      expect(gauges(m, 'M', 'today')).toEqual(fromApi(todayApi));
      expect(gauges(m, 'M', 'month')).toEqual(fromApi(monthApi));
      return { m, todayApi, monthApi };
    }, 30_000, 250);

    expect(monthApi.indicators.onlineReceivedRate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(todayApi.indicators.onlineReceivedRate.denominator).toBeGreaterThanOrEqual(2);
    expect(m.value('dossier_indicator_denominator', { agency: 'M', indicator: 'onlineReceivedRate', window: 'month', level: '' })).toBe(3);
    expect(before.value('dossier_indicator_denominator', { agency: 'M', indicator: 'onlineReceivedRate', window: 'month', level: '' })).toBe(0);
    expect(m.value('dossier_indicator_value', { agency: 'M', indicator: 'workfileElectronicRate', window: 'month', level: 'commune' })).toBe(1);
    expect(m.series('dossier_indicator_value', { agency: 'M', indicator: 'onlinePaymentRate', window: 'month' })).toEqual([]); // denominator 0

    // Only the top-level agencies, each with both windows.
    const agencies = new Set(m.series('dossier_indicator_denominator').map((s) => `${s.labels.agency}/${s.labels.window}`));
    expect([...agencies].sort()).toEqual(['M/month', 'M/today', 'N/month', 'N/today']);
    expect(gauges(m, 'N', 'month')).toEqual(fromApi(await stack.indicators('N', monthStart, today)));

    // The plan's targets beside them.
    const target = (indicator: string, year: string, level = '') => m.value('dossier_indicator_target', { indicator, year, level });
    expect(target('electronicTransferRate', '2025')).toBe(monthApi.indicators.electronicTransferRate.targets['2025'].min);
    expect(target('satisfactionRate', '2030')).toBe(0.95);
    expect(target('workfileElectronicRate', '2025', 'commune')).toBe(0.8);
    expect(m.series('dossier_indicator_target', { indicator: 'onTimeRate' })).toEqual([]);
  });
});
