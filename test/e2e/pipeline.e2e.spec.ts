/**
 * Given the real broker and database, when events are posted over HTTP (or written straight onto the topic),
 * then the numbers appear in /v1/indicators, exactly once however often the events are delivered.
 */
import { kcatConsumeAll, kcatProduce, produce } from '../support/kafka';
import { agency, cloudEvent, received, transferred } from '../support/events';
import { TestStack } from '../support/stack';

describe('pipeline: HTTP → Kafka → projector → PostgreSQL → HTTP', () => {
  const stack = new TestStack('pipeline');
  const tree = [agency('P', 'province', null), agency('P-D', 'department', 'P'), agency('P-X', 'commune', 'P')];
  const dossiers = [
    received('D-1', 'P-X', '2026-03-01T08:00:00+07:00', 'online'),
    received('D-2', 'P-X', '2026-03-01T09:00:00+07:00', 'in_person'),
    received('D-3', 'P-D', '2026-03-02T10:00:00+07:00', 'postal'),
    received('D-4', 'P-D', '2026-03-02T11:00:00+07:00', 'online'),
    transferred('D-1', 'P-X', '2026-03-02T08:00:00+07:00', 'electronic'),
    transferred('D-2', 'P-X', '2026-03-02T09:00:00+07:00', 'electronic'),
    transferred('D-3', 'P-D', '2026-03-03T09:00:00+07:00', 'paper'),
  ];

  beforeAll(async () => {
    await stack.start();
    expect((await stack.post(tree)).status).toBe(202);
    await stack.caughtUp(tree.length);
    expect((await stack.post(dossiers)).status).toBe(202);
    await stack.caughtUp(tree.length + dossiers.length);
  });
  afterAll(() => stack.stop());

  it('shows the posted events in the indicators of the province (rolled up) and of each agency', async () => {
    const p = await stack.indicators('P', '2026-03-01', '2026-03-31');
    expect(p.indicators.electronicTransferRate).toEqual({ numerator: 2, denominator: 3, value: 2 / 3, targets: { 2025: { min: 0.8, met: false } } });
    expect(p.indicators.onlineReceivedRate).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(p.report.received).toEqual({ online: 2, inPerson: 1, postal: 1 });

    const x = await stack.indicators('P-X', '2026-03-01', '2026-03-31');
    expect(x.indicators.electronicTransferRate).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
    expect(x.report.received).toEqual({ online: 1, inPerson: 1, postal: 0 });

    const dayOne = await stack.indicators('P', '2026-03-01', '2026-03-01');
    expect(dayOne.report.received).toEqual({ online: 1, inPerson: 1, postal: 0 });
    expect(dayOne.indicators.electronicTransferRate).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it('counts the same events posted twice once', async () => {
    const before = await stack.status();
    expect((await stack.post(dossiers)).status).toBe(202);
    const after = await stack.caughtUp();
    expect(after.duplicates - before.duplicates).toBe(dossiers.length);
    expect(after.eventsApplied).toBe(before.eventsApplied);
    const p = await stack.indicators('P', '2026-03-01', '2026-03-31');
    expect(p.report.received).toEqual({ online: 2, inPerson: 1, postal: 1 });
    expect(p.indicators.electronicTransferRate).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('counts an event delivered twice straight on the topic once', async () => {
    const e = transferred('D-4', 'P-D', '2026-03-04T09:00:00+07:00', 'electronic');
    const message = { key: e.subject, value: JSON.stringify(e) };
    await produce(stack.topic, [message, message]);
    await produce(stack.topic, [message]);
    const before = await stack.status();
    const s = await stack.caughtUp(before.eventsApplied);
    const p = await stack.indicators('P', '2026-03-01', '2026-03-31');
    expect(p.indicators.electronicTransferRate).toMatchObject({ numerator: 3, denominator: 4 });
    expect(s.duplicates).toBeGreaterThanOrEqual(before.duplicates);
  });

  it('applies a corrected fact once, in the bucket of the winning event', async () => {
    // D-4 was received online on 03-02; the producer corrects it: postal, on 03-05 (a later event time).
    const correction = received('D-4', 'P-D', '2026-03-05T10:00:00+07:00', 'postal');
    expect((await stack.post([correction])).status).toBe(202);
    await stack.caughtUp();
    const p = await stack.indicators('P', '2026-03-01', '2026-03-31');
    expect(p.report.received).toEqual({ online: 1, inPerson: 1, postal: 2 });
    const early = await stack.indicators('P', '2026-03-01', '2026-03-04');
    expect(early.report.received).toEqual({ online: 1, inPerson: 1, postal: 1 });
    // An older correction loses to the current fact and changes nothing.
    expect((await stack.post([received('D-4', 'P-D', '2026-03-03T10:00:00+07:00', 'in_person')])).status).toBe(202);
    await stack.caughtUp();
    expect((await stack.indicators('P', '2026-03-01', '2026-03-31')).report.received).toEqual({ online: 1, inPerson: 1, postal: 2 });
  });

  it('sends malformed messages from the topic to the dead-letter topic and projects the events behind them', async () => {
    const before = await stack.status();
    const valid = received('D-5', 'P-X', '2026-03-06T10:00:00+07:00', 'online');
    const invalid = { ...received('D-6', 'P-X', '2026-03-06T10:00:00+07:00', 'online'), type: 'dossier.exploded' };
    // Same key: same partition, so the valid event sits behind the bad ones.
    await kcatProduce(stack.topic, 'this is not json {', 'D-5');
    await kcatProduce(stack.topic, JSON.stringify(invalid), 'D-5');
    await kcatProduce(stack.topic, JSON.stringify(valid), 'D-5');

    const s = await stack.caughtUp(before.eventsApplied + 1);
    expect(s.rejected - before.rejected).toBe(2);
    const p = await stack.indicators('P', '2026-03-01', '2026-03-31');
    expect(p.report.received).toEqual({ online: 2, inPerson: 1, postal: 2 });

    const dlq = await kcatConsumeAll(`${stack.topic}.dlq`);
    expect(dlq.map((m) => m.headers['dlq-reason'])).toEqual(['invalid_json', 'validation_failed']);
    expect(dlq[0].value).toBe('this is not json {');
    expect(JSON.parse(dlq[1].headers['dlq-details'])).toEqual([{ path: 'type', message: expect.stringContaining('must be one of') }]);
    expect(dlq[1].headers['dlq-original-topic']).toBe(stack.topic);
    expect(dlq.every((m) => m.key === 'D-5')).toBe(true);
  });

  it('answers 400 naming the parameter and 404 for an unknown agency', async () => {
    const bad = await stack.request('query-api', 'GET', '/v1/indicators?agency=P&from=2026-02-30&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: 'from', message: expect.stringContaining('from') }]);
    const reversed = await stack.request('query-api', 'GET', '/v1/indicators?agency=P&from=2026-03-02&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.details[0].path).toBe('to');
    const missing = await stack.request('query-api', 'GET', '/v1/indicators?from=2026-03-02&to=2026-03-03');
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].path).toBe('agency');
    const unknown = await stack.request('query-api', 'GET', '/v1/indicators?agency=NOWHERE&from=2026-03-01&to=2026-03-02');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('NOWHERE');
  });

  it('requires a reader or admin key on the query side', async () => {
    const path = '/v1/indicators?agency=P&from=2026-03-01&to=2026-03-31';
    expect((await stack.request('query-api', 'GET', path, { key: null })).status).toBe(401);
    expect((await stack.request('query-api', 'GET', path, { key: 'kAAAAAAAAAAAA.' + 'x'.repeat(43) })).status).toBe(401);
    const producer = await stack.createKey({ role: 'producer', source: '/onestop/test', agencies: ['P'] });
    expect((await stack.request('query-api', 'GET', path, { key: producer })).status).toBe(403);
    const reader = await stack.createKey({ role: 'reader' });
    const ok = await stack.request('query-api', 'GET', path, { key: reader });
    expect(ok.status).toBe(200);
    expect(ok.body.report.received).toEqual({ online: 2, inPerson: 1, postal: 2 });
  });

  it('keeps events that carry CloudEvents extension attributes, with the extensions stored', async () => {
    const e = cloudEvent('workfile.processed', 'WF-1', '2026-03-07T10:00:00+07:00', { agencyCode: 'P-X', electronic: true }, { traceparent: '00-abc-def-01', partnerref: 42 });
    expect((await stack.post([e])).status).toBe(202);
    await stack.caughtUp();
    const [row] = await stack.sql<{ extensions: unknown }>('SELECT extensions FROM events WHERE source = $1 AND id = $2', [e.source, e.id]);
    expect(row.extensions).toEqual({ traceparent: '00-abc-def-01', partnerref: 42 });
    const p = await stack.indicators('P', '2026-03-01', '2026-03-31');
    expect(p.indicators.workfileElectronicRate.byLevel.commune).toMatchObject({ numerator: 1, denominator: 1 });
  });
});
