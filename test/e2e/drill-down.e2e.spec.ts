/**
 * Drill-down on the real stack: for a realistic feed of province QT, every indicator's numerator and
 * denominator, and every column of the resolution report, paged to the end, lists exactly `total` distinct
 * items, and `total` is the figure GET /v1/indicators gives for the same agency and range; each item is
 * attributed to an agency of the subtree and a local day of the range. The overdue list adds up to the
 * report's overdueNow, most overdue first. Hand-made dossiers pin down the attribution edges: a resolution in
 * another agency than the receipt, a receipt corrected to another channel, local midnight, a close dated
 * before the receipt.
 */
import { localDayOf, localToday } from '@app/indicators';
import { agency, cloudEvent, received } from '../support/events';
import { historyEvents, toMessages } from '../support/feed';
import { produce } from '../support/kafka';
import { TestStack } from '../support/stack';

const resolved = (d: string, agencyCode: string, time: string, dueAt: string) => cloudEvent('dossier.resolved', d, time, { agencyCode, outcome: 'approved', dueAt });
const withdrawn = (d: string, agencyCode: string, time: string) => cloudEvent('dossier.withdrawn', d, time, { agencyCode });

const INDICATORS = [
  'electronicTransferRate', 'onlinePaymentRate', 'onlineReceivedRate', 'onlineResolvedRate', 'onTimeRate', 'satisfactionRate',
  'identityVerifiedRate', 'nationalSyncRate', 'workfileElectronicRate', 'proceduresOnlinePaymentRate', 'proceduresOnlineRate', 'proceduresMobileRate',
];
const OCCURRENCE_TYPES: Record<string, string> = {
  electronicTransferRate: 'dossier.transferred', onlinePaymentRate: 'dossier.payment_made', workfileElectronicRate: 'workfile.processed',
};
const REPORT_COLUMNS = [
  'received.online', 'received.inPerson', 'received.postal', 'carriedOver', 'resolved.early', 'resolved.onTime', 'resolved.late',
  'withdrawn', 'inProgress.withinDeadline', 'inProgress.overdue',
];
const LEVELS = ['provinceDepartment', 'district', 'commune'];

type Item = Record<string, any>;
interface Listed {
  total: number;
  items: Item[];
  first: Item;
}

const identity = (i: Item): string => (i.dossier !== undefined ? `dossier ${i.dossier}` : i.code !== undefined ? `procedure ${i.code}` : `event ${i.source} ${i.id}`);
const column = (row: any, name: string): number => name.split('.').reduce((o, k) => o[k], row);

describe('drill-down on the real stack', () => {
  const stack = new TestStack('drill');
  let reader: string;
  let producer: string;

  const get = (path: string, key: string | null = reader) => stack.request('query-api', 'GET', path, { key });

  /** Every page of a list, checking that each page reports the same total and that no item repeats. */
  async function listAll(path: string, pageSize = 500): Promise<Listed> {
    const items: Item[] = [];
    let first: Item | undefined;
    for (let page = 1; ; page++) {
      const res = await get(`${path}&page=${page}&pageSize=${pageSize}`);
      expect([path, res.status]).toEqual([path, 200]);
      first ??= res.body;
      expect(res.body.total).toBe(first!.total);
      items.push(...res.body.items);
      if (res.body.items.length < pageSize) break;
    }
    expect(new Set(items.map(identity)).size).toBe(items.length);
    return { total: first!.total, items, first: first! };
  }

  const subtree = async (code: string): Promise<Map<string, string>> => {
    const rows = await stack.sql<{ code: string; level: string }>(
      `WITH RECURSIVE t(code, level) AS (SELECT code, level FROM agencies WHERE code = $1
         UNION SELECT a.code, a.level FROM agencies a JOIN t ON a.parent_code = t.code) SELECT code, level FROM t`,
      [code],
    );
    return new Map(rows.map((r) => [r.code, r.level]));
  };
  const levelGroup = (level: string) => (level === 'district' || level === 'commune' ? level : 'provinceDepartment');

  beforeAll(async () => {
    await stack.start();
    const events = historyEvents(5000, 20261128);
    await produce(stack.topic, toMessages(events));
    await stack.caughtUp(new Set(events.map((e) => `${e.source} ${e.id}`)).size, 180_000);
    reader = await stack.createKey({ role: 'reader' });
    producer = await stack.createKey({ role: 'producer', source: '/onestop/test', agencies: ['QT'] });
  });
  afterAll(() => stack.stop());

  // the province week has something in every list (so that none of its checks is vacuous)
  describe.each([
    ['QT', '2026-09-01', '2026-11-30', false],
    ['QT', '2026-10-05', '2026-10-11', true],
    ['QT-H-VL', '2026-10-01', '2026-11-20', false],
    ['QT-X-05', '2026-09-21', '2026-11-20', false],
  ])('%s from %s to %s', (code, from, to, everyListFilled) => {
    const range = `agency=${code}&from=${from}&to=${to}`;
    let figures: any;
    let agencies: Map<string, string>;

    beforeAll(async () => {
      figures = await stack.indicators(code, from, to, reader);
      agencies = await subtree(code);
    });

    it.each(INDICATORS.flatMap((name) => [[name, 'numerator'], [name, 'denominator']]))('%s %s: total items, each in the subtree and range', async (name, part) => {
      const { total, items, first } = await listAll(`/v1/indicators/${name}/items?${range}&part=${part}`);
      expect(first).toMatchObject({ indicator: name, part, agency: code, from, to, page: 1, pageSize: 500 });
      expect(total).toBe(figures.indicators[name][part]);
      expect(items).toHaveLength(total);
      if (everyListFilled) expect(total).toBeGreaterThan(0);
      for (const item of items) {
        expect(agencies.has(item.agency)).toBe(true);
        if (!name.startsWith('procedures')) expect(item.day >= from && item.day <= to).toBe(true);
      }
      const type = OCCURRENCE_TYPES[name];
      if (type) for (const item of items) expect(item.data.agencyCode).toBe(item.agency);
      if (name === 'onlineResolvedRate' && part === 'numerator') for (const item of items) expect(item.receivedChannel).toBe('online');
      if (name === 'onTimeRate' && part === 'numerator') for (const item of items) expect(['early', 'onTime']).toContain(item.timeliness);
      if (name === 'electronicTransferRate' && part === 'numerator') for (const item of items) expect(item.data.method).toBe('electronic');
    });

    it.each(LEVELS.flatMap((level) => [[level, 'numerator'], [level, 'denominator']]))('work files of level %s, %s: the byLevel figure', async (level, part) => {
      const { total, items } = await listAll(`/v1/indicators/workfileElectronicRate/items?${range}&part=${part}&level=${level}`);
      expect(total).toBe(figures.indicators.workfileElectronicRate.byLevel[level][part]);
      for (const item of items) expect(levelGroup(agencies.get(item.agency)!)).toBe(level);
    });

    it.each(REPORT_COLUMNS)('report column %s: total items', async (name) => {
      const { total, items } = await listAll(`/v1/reports/resolution/items?${range}&column=${name}`);
      expect(total).toBe(column(figures.report, name));
      if (everyListFilled) expect(total).toBeGreaterThan(0);
      for (const item of items) expect(agencies.has(item.agency)).toBe(true);
      if (name === 'carriedOver') for (const item of items) expect(item.receivedDay < from && (item.closedDay === null || item.closedDay >= from)).toBe(true);
      if (name.startsWith('inProgress.')) {
        for (const item of items) {
          expect(item.receivedDay <= to && (item.closedDay === null || item.closedDay > to)).toBe(true);
          expect(item.dueDay < to).toBe(name === 'inProgress.overdue');
        }
      }
    });
  });

  it('pages in a stable order: pages of 7 concatenated equal one page of 500', async () => {
    const path = '/v1/indicators/onTimeRate/items?agency=QT&from=2026-10-01&to=2026-10-31&part=denominator';
    const whole = (await get(`${path}&pageSize=500`)).body.items.map(identity);
    const paged = (await listAll(path, 7)).items.map(identity);
    expect(paged.slice(0, whole.length)).toEqual(whole);
  });

  it('lists open dossiers past their deadline, most overdue first, as many as overdueNow', async () => {
    const first = await get('/v1/dossiers/overdue?agency=QT&pageSize=500');
    expect(first.status).toBe(200);
    const report = (await get('/v1/reports/resolution?agency=QT&from=2026-11-01&to=2026-11-20')).body;
    // overdueNow is a live figure: a deadline falling between the two clock readings moves it
    const [{ n }] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM dossiers WHERE agency_code LIKE 'QT%' AND is_open AND latest_due_at >= $1 AND latest_due_at < $2`,
      [first.body.asOf, report.asOf],
    );
    expect(report.rows[0].overdueNow - first.body.total).toBe(n);
    const { total, items } = await listAll('/v1/dossiers/overdue?agency=QT', 100);
    expect(total).toBeGreaterThan(0);
    expect(items).toHaveLength(total);
    const dueInstants = items.map((i) => Date.parse(i.dueAt));
    expect(dueInstants).toEqual([...dueInstants].sort((a, b) => a - b));
    const days = items.map((i) => i.overdueDays);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    for (const i of items) {
      expect(Object.keys(i).sort()).toEqual(['agency', 'channel', 'dossier', 'dueAt', 'overdueDays', 'procedureCode', 'receivedAt']);
      expect(i.overdueDays).toBeGreaterThanOrEqual(1);
      expect(Date.parse(i.dueAt)).toBeLessThan(Date.parse(first.body.asOf));
    }
  });

  describe('attribution edges, by hand', () => {
    beforeAll(async () => {
      const tree = [agency('DD', 'province', null), agency('DD-A', 'department', 'DD'), agency('DD-B', 'commune', 'DD')];
      expect((await stack.post(tree)).status).toBe(202);
      await stack.caughtUp();
      const events = [
        // received online in DD-A, resolved (late) in DD-B
        received('DD-1', 'DD-A', '2026-05-04T09:00:00+07:00', 'online', { dueAt: '2026-05-06T17:00:00+07:00' }),
        resolved('DD-1', 'DD-B', '2026-05-07T10:00:00+07:00', '2026-05-06T17:00:00+07:00'),
        // received online, then corrected to in person (a later event of the same fact)
        received('DD-2', 'DD-A', '2026-05-04T10:00:00+07:00', 'online'),
        received('DD-2', 'DD-A', '2026-05-04T11:00:00+07:00', 'in_person'),
        resolved('DD-2', 'DD-A', '2026-05-05T10:00:00+07:00', '2026-05-10T17:00:00+07:00'),
        // 23:59:59.999999 local on 4 May and 00:00 local on 5 May, written in UTC
        received('DD-3', 'DD-B', '2026-05-04T16:59:59.999999Z', 'postal', { dueAt: '2026-05-10T17:00:00+07:00' }),
        received('DD-4', 'DD-B', '2026-05-04T17:00:00Z', 'postal', { dueAt: '2099-01-01T17:00:00+07:00' }),
        // a withdrawal dated before the receipt closes on the receipt day
        received('DD-5', 'DD-A', '2026-05-06T09:00:00+07:00', 'in_person', { dueAt: '2026-05-08T17:00:00+07:00' }),
        withdrawn('DD-5', 'DD-A', '2026-05-02T09:00:00+07:00'),
      ];
      expect((await stack.post(events, producer)).status).toBe(403); // DD is outside the producer's scope
      expect((await stack.post(events)).status).toBe(202);
      await stack.caughtUp();
    });

    const ids = async (path: string) => (await listAll(path)).items.map((i) => i.dossier).sort();

    it('a resolution counts under its own agency and day; online resolved needs the received channel online', async () => {
      const range = 'from=2026-05-01&to=2026-05-31';
      expect(await ids(`/v1/indicators/onlineResolvedRate/items?agency=DD-B&${range}&part=denominator`)).toEqual(['DD-1']);
      expect(await ids(`/v1/indicators/onlineResolvedRate/items?agency=DD-B&${range}&part=numerator`)).toEqual(['DD-1']);
      expect(await ids(`/v1/indicators/onlineResolvedRate/items?agency=DD-A&${range}&part=denominator`)).toEqual(['DD-2']);
      expect(await ids(`/v1/indicators/onlineResolvedRate/items?agency=DD-A&${range}&part=numerator`)).toEqual([]);
      const [item] = (await get(`/v1/indicators/onTimeRate/items?agency=DD-B&${range}&part=denominator`)).body.items;
      expect(item).toMatchObject({ dossier: 'DD-1', agency: 'DD-B', day: '2026-05-07', time: '2026-05-07T03:00:00.000000Z', timeliness: 'late', receivedChannel: 'online' });
      expect(await ids(`/v1/indicators/onTimeRate/items?agency=DD&${range}&part=numerator`)).toEqual(['DD-2']);
      expect(await ids(`/v1/reports/resolution/items?agency=DD-B&${range}&column=resolved.late`)).toEqual(['DD-1']);
      // the stock stays with the received agency: DD-1 was open in DD-A on 5 and 6 May
      expect(await ids('/v1/reports/resolution/items?agency=DD-A&from=2026-05-05&to=2026-05-06&column=inProgress.withinDeadline')).toEqual(['DD-1']);
      expect(await ids('/v1/reports/resolution/items?agency=DD-B&from=2026-05-05&to=2026-05-06&column=inProgress.withinDeadline')).toEqual(['DD-3', 'DD-4']);
    });

    it('a receipt corrected to another channel moves to that channel', async () => {
      const range = 'agency=DD-A&from=2026-05-04&to=2026-05-04';
      expect(await ids(`/v1/indicators/onlineReceivedRate/items?${range}&part=numerator`)).toEqual(['DD-1']);
      expect(await ids(`/v1/indicators/onlineReceivedRate/items?${range}&part=denominator`)).toEqual(['DD-1', 'DD-2']);
      expect(await ids(`/v1/reports/resolution/items?${range}&column=received.inPerson`)).toEqual(['DD-2']);
      const item = (await get(`/v1/reports/resolution/items?${range}&column=received.inPerson`)).body.items[0];
      expect(item).toMatchObject({ channel: 'in_person', time: '2026-05-04T04:00:00.000000Z', source: '/onestop/test' });
      expect((await stack.indicators('DD-A', '2026-05-04', '2026-05-04', reader)).indicators.onlineReceivedRate).toMatchObject({ numerator: 1, denominator: 2 });
    });

    it('the local day of an instant is the date of instant + 7 h', async () => {
      expect(await ids('/v1/indicators/onlineReceivedRate/items?agency=DD-B&from=2026-05-04&to=2026-05-04&part=denominator')).toEqual(['DD-3']);
      expect(await ids('/v1/indicators/onlineReceivedRate/items?agency=DD-B&from=2026-05-05&to=2026-05-05&part=denominator')).toEqual(['DD-4']);
    });

    it('a close dated before the receipt closes on the receipt day: never carried over or in progress', async () => {
      for (const to of ['2026-05-06', '2026-05-07']) {
        const inProgress = [
          ...(await ids(`/v1/reports/resolution/items?agency=DD-A&from=2026-05-06&to=${to}&column=inProgress.withinDeadline`)),
          ...(await ids(`/v1/reports/resolution/items?agency=DD-A&from=2026-05-06&to=${to}&column=inProgress.overdue`)),
        ];
        expect(inProgress).not.toContain('DD-5');
      }
      expect(await ids('/v1/reports/resolution/items?agency=DD-A&from=2026-05-07&to=2026-05-07&column=carriedOver')).not.toContain('DD-5');
      const [item] = (await get('/v1/reports/resolution/items?agency=DD-A&from=2026-05-02&to=2026-05-02&column=withdrawn')).body.items;
      expect(item).toMatchObject({ dossier: 'DD-5', day: '2026-05-02' });
    });

    it('overdue: days from the date of the deadline to today, most overdue first; a far deadline is not overdue', async () => {
      const res = await get('/v1/dossiers/overdue?agency=DD');
      expect(res.body).toMatchObject({ agency: 'DD', total: 1, page: 1, pageSize: 50 });
      const [item] = res.body.items;
      const expected = (Date.parse(localToday(Date.parse(res.body.asOf))) - Date.parse(localDayOf('2026-05-10T17:00:00+07:00'))) / 86_400_000;
      expect(item).toEqual({
        dossier: 'DD-3', agency: 'DD-B', receivedAt: '2026-05-04T16:59:59.999999Z', dueAt: '2026-05-10T17:00:00+07:00',
        overdueDays: expected, procedureCode: 'P-1', channel: 'postal',
      });
      const report = (await get('/v1/reports/resolution?agency=DD&from=2026-05-01&to=2026-05-31')).body;
      expect(report.rows[0].overdueNow).toBe(1);
    });
  });

  describe('refusals', () => {
    const base = '/v1/indicators/onTimeRate/items?agency=QT&from=2026-10-01&to=2026-10-31&part=numerator';
    it.each([
      ['/v1/indicators/bogusRate/items?agency=QT&from=2026-10-01&to=2026-10-31&part=numerator', 'name'],
      ['/v1/indicators/onTimeRate/items?agency=QT&from=2026-10-01&to=2026-10-31', 'part'],
      ['/v1/indicators/onTimeRate/items?agency=QT&from=2026-10-01&to=2026-10-31&part=both', 'part'],
      [`${base}&page=0`, 'page'],
      [`${base}&page=x`, 'page'],
      [`${base}&pageSize=501`, 'pageSize'],
      [`${base}&pageSize=0`, 'pageSize'],
      [`${base}&level=commune`, 'level'],
      ['/v1/indicators/workfileElectronicRate/items?agency=QT&from=2026-10-01&to=2026-10-31&part=numerator&level=county', 'level'],
      ['/v1/indicators/onTimeRate/items?agency=QT&from=2026-10-31&to=2026-10-01&part=numerator', 'to'],
      ['/v1/reports/resolution/items?agency=QT&from=2026-10-01&to=2026-10-31&column=overdue', 'column'],
      ['/v1/reports/resolution/items?agency=QT&from=2026-10-01&to=2026-10-31', 'column'],
      ['/v1/dossiers/overdue?agency=QT&pageSize=1000', 'pageSize'],
      ['/v1/dossiers/overdue?pageSize=10', 'agency'],
      [`${base}&bogus=1`, 'bogus'],
    ])('%s → 400 naming %s', async (path, param) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(param);
    });

    it.each([
      '/v1/indicators/onTimeRate/items?agency=NOPE&from=2026-10-01&to=2026-10-31&part=numerator',
      '/v1/reports/resolution/items?agency=NOPE&from=2026-10-01&to=2026-10-31&column=withdrawn',
      '/v1/dossiers/overdue?agency=NOPE',
    ])('%s → 404 for an unknown agency', async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('not_found');
    });

    it('401 without a key, 403 with a producer key', async () => {
      for (const path of [base, '/v1/reports/resolution/items?agency=QT&from=2026-10-01&to=2026-10-31&column=withdrawn', '/v1/dossiers/overdue?agency=QT']) {
        expect((await get(path, null)).status).toBe(401);
        expect((await get(path, producer)).status).toBe(403);
      }
    });
  });
});
