/**
 * The indicator engine through the real broker and database: local-day edges written in several offsets,
 * fact corrections, events out of order and days late, a change of the agency tree, and the resolution
 * report's carried-over and in-progress columns, in JSON and CSV; the series agrees with the range.
 */
import { agency, cloudEvent, received } from '../support/events';
import { TestStack } from '../support/stack';

const resolved = (d: string, agencyCode: string, time: string, dueAt: string, outcome = 'approved') =>
  cloudEvent('dossier.resolved', d, time, { agencyCode, outcome, dueAt });
const rated = (d: string, agencyCode: string, time: string, rating: string) => cloudEvent('dossier.rated', d, time, { agencyCode, rating });
const withdrawn = (d: string, agencyCode: string, time: string) => cloudEvent('dossier.withdrawn', d, time, { agencyCode });
const paused = (d: string, agencyCode: string, time: string) => cloudEvent('dossier.paused', d, time, { agencyCode, reason: 'supplement_requested' });
const resumed = (d: string, agencyCode: string, time: string, dueAt: string) => cloudEvent('dossier.resumed', d, time, { agencyCode, dueAt });

describe('indicator engine on the real stack', () => {
  const stack = new TestStack('engine');
  const post = async (events: unknown[]) => {
    const res = await stack.post(events);
    expect(res.status).toBe(202);
    await stack.caughtUp();
  };
  const report = async (a: string, from: string, to: string) => (await stack.indicators(a, from, to)).report;

  beforeAll(async () => {
    await stack.start();
    await post([
      agency('T', 'province', null), agency('T-D', 'department', 'T'), agency('T-H', 'district', 'T'),
      agency('T-H-X', 'commune', 'T-H'), agency('T-Y', 'commune', 'T'), agency('T-R', 'commune', 'T'),
    ]);
  });
  afterAll(() => stack.stop());

  it('buckets by the local date in Asia/Ho_Chi_Minh whatever offset the event carries (23:59 and 00:00)', async () => {
    await post([
      received('E1', 'T-D', '2026-05-01T23:59:00+07:00'),
      received('E2', 'T-D', '2026-05-01T16:59:00Z'), // 23:59 local
      received('E3', 'T-D', '2026-05-01T17:00:00Z'), // 00:00 local, 2 May
      received('E4', 'T-D', '2026-05-01T12:00:00-05:00'), // 17:00Z: 00:00 local, 2 May
      received('E5', 'T-D', '2026-05-01T11:59:00-05:00'), // 16:59Z: 23:59 local, 1 May
      resolved('E1', 'T-D', '2026-05-05T23:59:00+07:00', '2026-05-05T08:00:00+07:00'), // same local date: on time
      resolved('E2', 'T-D', '2026-05-05T17:00:00Z', '2026-05-05T23:00:00+07:00'), // 00:00 on 6 May: late
      resolved('E3', 'T-D', '2026-05-04T23:59:59-05:00', '2026-05-05T17:00:00+07:00'), // 11:59 local 5 May: on time
      resolved('E4', 'T-D', '2026-05-04T16:59:00Z', '2026-05-05T00:00:00+07:00'), // 23:59 local 4 May: early
    ]);
    expect((await report('T-D', '2026-05-01', '2026-05-01')).received.online).toBe(3);
    expect((await report('T-D', '2026-05-02', '2026-05-02')).received.online).toBe(2);
    expect((await report('T-D', '2026-05-04', '2026-05-06')).resolved).toEqual({ early: 1, onTime: 2, late: 1 });
    expect((await report('T-D', '2026-05-06', '2026-05-06')).resolved).toEqual({ early: 0, onTime: 0, late: 1 });
    const onTime = (await stack.indicators('T-D', '2026-05-01', '2026-05-31')).indicators.onTimeRate;
    expect(onTime).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
  });

  it('corrects facts: the latest rating wins, an older one arriving late changes nothing, a receipt moves between agencies', async () => {
    await post([rated('E1', 'T-D', '2026-05-10T09:00:00+07:00', 'unsatisfied')]);
    expect((await stack.indicators('T', '2026-05-01', '2026-05-31')).indicators.satisfactionRate).toMatchObject({ numerator: 0, denominator: 1 });
    await post([rated('E1', 'T-D', '2026-05-11T09:00:00+07:00', 'satisfied')]);
    await post([rated('E1', 'T-D', '2026-05-09T09:00:00+07:00', 'very_satisfied'), rated('E1', 'T-D', '2026-05-08T09:00:00+07:00', 'unsatisfied')]);
    const sat = (await stack.indicators('T', '2026-05-01', '2026-05-31')).indicators.satisfactionRate;
    expect(sat).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    // The rating counts on the day of the winning event only.
    expect((await stack.indicators('T', '2026-05-10', '2026-05-10')).indicators.satisfactionRate.denominator).toBe(0);

    await post([received('M1', 'T-Y', '2026-05-12T09:00:00+07:00', 'postal')]);
    await post([received('M1', 'T-H-X', '2026-05-13T09:00:00+07:00', 'postal')]);
    expect((await report('T-Y', '2026-05-01', '2026-05-31')).received.postal).toBe(0);
    expect((await report('T-H', '2026-05-01', '2026-05-31')).received.postal).toBe(1);
    expect((await report('T', '2026-05-12', '2026-05-12')).received.postal).toBe(0);
    expect((await report('T', '2026-05-13', '2026-05-13')).received.postal).toBe(1);
  });

  it('takes events in any order and days late: a resolution before its receipt, a receipt for April posted in May', async () => {
    await post([resolved('L1', 'T-Y', '2026-05-20T10:00:00+07:00', '2026-05-25T17:00:00+07:00')]);
    let r = (await stack.indicators('T-Y', '2026-05-01', '2026-05-31')).indicators.onlineResolvedRate;
    expect(r).toMatchObject({ numerator: 0, denominator: 1 });
    await post([received('L1', 'T-Y', '2026-05-18T10:00:00+07:00', 'online')]);
    r = (await stack.indicators('T-Y', '2026-05-01', '2026-05-31')).indicators.onlineResolvedRate;
    expect(r).toMatchObject({ numerator: 1, denominator: 1, value: 1 });

    await post([received('L2', 'T-Y', '2026-04-03T10:00:00+07:00', 'in_person')]);
    expect((await report('T-Y', '2026-04-01', '2026-04-30')).received.inPerson).toBe(1);
    expect((await report('T-Y', '2026-05-01', '2026-05-31')).received.inPerson).toBe(0);
  });

  it('rolls up over the tree as it stands now: a commune moved out of an abolished district, an agency registered after its events', async () => {
    expect((await report('T-H', '2026-05-01', '2026-05-31')).received.postal).toBe(1);
    await post([agency('T-H-X', 'commune', 'T', '2025-07-01T00:00:00+07:00')]); // the district is abolished
    expect((await report('T-H', '2026-05-01', '2026-05-31')).received.postal).toBe(0);
    expect((await report('T', '2026-05-01', '2026-05-31')).received.postal).toBe(1);

    await post([received('N1', 'T-NEW', '2026-05-21T10:00:00+07:00', 'postal')]);
    expect((await report('T', '2026-05-01', '2026-05-31')).received.postal).toBe(1);
    await post([agency('T-NEW', 'commune', 'T')]);
    expect((await report('T', '2026-05-01', '2026-05-31')).received.postal).toBe(2);
  });

  it('fills the resolution report: carried over, resolved, withdrawn, in progress within deadline and overdue', async () => {
    await post([
      received('R1', 'T-R', '2026-06-01T09:00:00+07:00', 'online', { dueAt: '2026-06-10T17:00:00+07:00' }),
      resolved('R1', 'T-R', '2026-06-20T09:00:00+07:00', '2026-06-10T17:00:00+07:00'),
      received('R2', 'T-R', '2026-06-05T09:00:00+07:00', 'in_person', { dueAt: '2026-06-08T17:00:00+07:00' }),
      paused('R2', 'T-R', '2026-06-06T09:00:00+07:00'),
      resumed('R2', 'T-R', '2026-06-09T09:00:00+07:00', '2026-06-18T17:00:00+07:00'),
      received('R3', 'T-R', '2026-06-12T09:00:00+07:00', 'postal', { dueAt: '2026-06-30T17:00:00+07:00' }),
      withdrawn('R3', 'T-R', '2026-06-14T09:00:00+07:00'),
      received('R4', 'T-R', '2026-06-15T09:00:00+07:00', 'online', { dueAt: '2026-07-30T17:00:00+07:00' }),
    ]);
    expect(await report('T-R', '2026-06-10', '2026-06-16')).toEqual({
      received: { online: 1, inPerson: 0, postal: 1 },
      carriedOver: 2, // R1, R2
      resolved: { early: 0, onTime: 0, late: 0 },
      withdrawn: 1, // R3
      inProgress: { withinDeadline: 2, overdue: 1 }, // R2 (resumed: due 18 June), R4; R1 (due 10 June)
      overdueNow: 2, // R2 and R4 are open and past their deadlines now
    });
    expect(await report('T-R', '2026-06-17', '2026-06-30')).toEqual({
      received: { online: 0, inPerson: 0, postal: 0 },
      carriedOver: 3, // R1, R2, R4
      resolved: { early: 0, onTime: 0, late: 1 }, // R1
      withdrawn: 0,
      inProgress: { withinDeadline: 1, overdue: 1 }, // R4; R2
      overdueNow: 2,
    });
  });

  it('serves the report per child subtree, in JSON and in CSV', async () => {
    const json = await stack.request('query-api', 'GET', '/v1/reports/resolution?agency=T&from=2026-06-10&to=2026-06-16&children=true');
    expect(json.status).toBe(200);
    const rows = json.body.rows as { agency: string; carriedOver: number; withdrawn: number }[];
    expect(rows.map((r) => r.agency)).toEqual(['T', 'T-D', 'T-H', 'T-H-X', 'T-NEW', 'T-R', 'T-Y']);
    expect(rows.find((r) => r.agency === 'T-R')).toMatchObject({ carriedOver: 2, withdrawn: 1 });
    expect(rows[0].carriedOver).toBe(rows.slice(1).reduce((n, r) => n + r.carriedOver, 0));

    const only = await stack.request('query-api', 'GET', '/v1/reports/resolution?agency=T&from=2026-06-10&to=2026-06-16');
    expect(only.body.rows).toHaveLength(1);

    const csv = await stack.request('query-api', 'GET', '/v1/reports/resolution?agency=T-R&from=2026-06-10&to=2026-06-16', { headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('agency,name,level,from,to,received_total,received_online,received_in_person,received_postal,carried_over,resolved_total,resolved_early,resolved_on_time,resolved_late,withdrawn,in_progress_total,in_progress_within_deadline,in_progress_overdue,overdue_now');
    expect(lines[1]).toBe('T-R,Agency T-R,commune,2026-06-10,2026-06-16,2,1,0,1,2,0,0,0,0,1,3,2,1,2');

    const bad = await stack.request('query-api', 'GET', '/v1/reports/resolution?agency=T&from=2026-06-10&to=2026-06-16&children=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('children');
  });

  it('gives series whose buckets add up to the range', async () => {
    const range = await stack.indicators('T', '2026-05-01', '2026-06-30');
    for (const interval of ['day', 'week', 'month', 'quarter', 'year']) {
      const res = await stack.request('query-api', 'GET', `/v1/indicators/series?agency=T&from=2026-05-01&to=2026-06-30&interval=${interval}&names=onlineReceivedRate,onTimeRate`);
      expect(res.status).toBe(200);
      const points = res.body.points as { from: string; to: string; indicators: Record<string, { numerator: number; denominator: number }> }[];
      expect(points[0].from).toBe('2026-05-01');
      expect(points[points.length - 1].to).toBe('2026-06-30');
      expect(Object.keys(points[0].indicators)).toEqual(['onlineReceivedRate', 'onTimeRate']);
      for (const name of ['onlineReceivedRate', 'onTimeRate']) {
        expect(points.reduce((n, p) => n + p.indicators[name].denominator, 0)).toBe(range.indicators[name].denominator);
        expect(points.reduce((n, p) => n + p.indicators[name].numerator, 0)).toBe(range.indicators[name].numerator);
      }
    }
    const monthly = await stack.request('query-api', 'GET', '/v1/indicators/series?agency=T&from=2026-05-01&to=2026-06-30&interval=month');
    expect(monthly.body.points.map((p: { from: string }) => p.from)).toEqual(['2026-05-01', '2026-06-01']);
    const bad = await stack.request('query-api', 'GET', '/v1/indicators/series?agency=T&from=2026-05-01&to=2026-06-30&names=onTimeRate,bogus');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('names');
    const tooMany = await stack.request('query-api', 'GET', '/v1/indicators/series?agency=T&from=2000-01-01&to=2026-06-30&interval=day');
    expect(tooMany.status).toBe(400);
  });
});
