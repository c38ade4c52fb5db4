/**
 * The simulator's generator: every event it makes passes the contract's validation, the feed is a pure
 * function of its seed and clock readings, and its mix is roughly the one intended (SHARES, FIELD.md).
 */
import { CloudEvent, parseRfc3339, validateCloudEvent } from '@app/contract';
import { DossierStream, DossierStreamOptions, buildProvince } from './index';

/** A fixed clock: never real time. */
const NOW_MS = Date.parse('2026-11-27T09:00:00Z');
const EVENTS = 20_000;
const province = buildProvince(7, { code: 'QT', name: 'Tỉnh Quảng Trị' });

const ms = (time: string) => parseRfc3339(time)!.epochMs;
const key = (e: CloudEvent) => `${e.source}\u0000${e.id}`;

/** Pulls `total` events in batches, the clock moving one second per batch; returns each batch with its clock. */
function pull(options: Partial<DossierStreamOptions> & Pick<DossierStreamOptions, 'mode'>, total = EVENTS, batch = 500) {
  const stream = new DossierStream({ seed: 42, province, days: 30, dossiersPerDay: 300, ...options });
  const batches: { nowMs: number; events: CloudEvent[] }[] = [];
  let count = 0;
  for (let nowMs = NOW_MS; count < total; nowMs += 1000) {
    const events = stream.next(Math.min(batch, total - count), nowMs);
    if (events.length === 0) break;
    batches.push({ nowMs, events });
    count += events.length;
  }
  return { stream, batches, events: batches.flatMap((b) => b.events) };
}

/** Share of events of `type` whose data satisfies `test`. */
function share(events: CloudEvent[], type: string, test: (data: Record<string, any>) => boolean): number {
  const ofType = events.filter((e) => e.type === type);
  return ofType.filter((e) => test(e.data)).length / ofType.length;
}

/** The events that repeat an earlier (source, id), and the rest. */
function splitDuplicates(events: CloudEvent[]) {
  const seen = new Map<string, CloudEvent>();
  const duplicates: { first: CloudEvent; again: CloudEvent }[] = [];
  const distinct: CloudEvent[] = [];
  for (const e of events) {
    const first = seen.get(key(e));
    if (first) duplicates.push({ first, again: e });
    else {
      seen.set(key(e), e);
      distinct.push(e);
    }
  }
  return { duplicates, distinct };
}

describe('buildProvince', () => {
  it('registers a realistic tree: the province, ~12 departments, 2 historic districts and ~25 communes, parents first', () => {
    // given
    const agencies = province.events.filter((e) => e.type === 'agency.registered');
    const levels = (level: string) => province.agencies.filter((a) => a.level === level).length;
    // then
    expect(levels('province')).toBe(1);
    expect(levels('department')).toBeGreaterThanOrEqual(10);
    expect(levels('district')).toBe(2);
    expect(levels('commune')).toBeGreaterThanOrEqual(20);
    expect(province.agencies.filter((a) => a.level === 'commune' && a.parentCode !== 'QT').length).toBeGreaterThan(0);
    const registered = new Set<string>();
    for (const e of agencies) {
      const parent = e.data.parentCode as string | null;
      if (parent !== null) expect(registered.has(parent)).toBe(true);
      registered.add(e.subject);
    }
    expect(agencies.map((e) => e.subject)).toEqual(expect.arrayContaining(['QT', 'QT-STP', 'QT-H-VL', 'QT-X-01']));
  });

  it('publishes ~40 procedures of registered agencies with a realistic online mix, every event valid and in the past', () => {
    // given
    const codes = new Set(province.agencies.map((a) => a.code));
    const procedures = province.procedures;
    // then
    expect(procedures.length).toBeGreaterThanOrEqual(35);
    for (const p of procedures) expect(codes.has(p.agencyCode)).toBe(true);
    const online = procedures.filter((p) => p.onlineLevel !== 'none').length / procedures.length;
    expect(online).toBeGreaterThan(0.8);
    const feeRequired = procedures.filter((p) => p.feeRequired);
    expect(feeRequired.filter((p) => p.onlinePayment).length / feeRequired.length).toBeGreaterThan(0.5);
    for (const e of province.events) {
      expect(validateCloudEvent(e, NOW_MS)).toMatchObject({ ok: true });
      expect(ms(e.time)).toBeLessThan(NOW_MS);
    }
    expect(new Set(province.events.map(key)).size).toBe(province.events.length);
  });

  it('gives the same events for the same seed', () => {
    expect(buildProvince(7, { code: 'QT', name: 'Tỉnh Quảng Trị' })).toEqual(province);
  });
});

describe.each(['history', 'live'] as const)('DossierStream, %s mode', (mode) => {
  const { batches, events } = pull({ mode });

  it(`makes ${EVENTS} events that all pass validateCloudEvent at the clock reading of their call`, () => {
    expect(events).toHaveLength(EVENTS);
    const failures = batches.flatMap(({ nowMs, events: batch }) =>
      batch.map((e) => ({ e, result: validateCloudEvent(e, nowMs) })).filter(({ result }) => !result.ok),
    );
    expect(failures.slice(0, 3)).toEqual([]);
    for (const { nowMs, events: batch } of batches) for (const e of batch) expect(ms(e.time)).toBeLessThanOrEqual(nowMs);
  });

  it('gives each event its own (source, id), except exact re-sends of an earlier event (~0.4%)', () => {
    const { duplicates } = splitDuplicates(events);
    for (const { first, again } of duplicates) expect(again).toEqual(first);
    expect(duplicates.length).toBeGreaterThan(0);
    expect(duplicates.length / events.length).toBeLessThan(0.01);
  });

  it('uses the default source and dossier ids like QT-2026-000123 as subjects', () => {
    for (const e of events) expect(e.source).toBe('/onestop/quang-tri');
    const dossiers = events.filter((e) => e.type.startsWith('dossier.'));
    for (const e of dossiers) expect(e.subject).toMatch(/^QT-\d{4}-\d{6}$/);
    for (const e of events.filter((e) => e.type === 'workfile.processed')) expect(e.subject).toMatch(/^QT-VB-\d{4}-\d{6}$/);
  });

  it('starts every dossier with its received event and keeps each lifecycle in order', () => {
    const { distinct } = splitDuplicates(events);
    const firstType = new Map<string, string>();
    const lastTime = new Map<string, number>();
    for (const e of distinct.filter((e) => e.type.startsWith('dossier.'))) {
      if (!firstType.has(e.subject)) firstType.set(e.subject, e.type);
      expect(ms(e.time)).toBeGreaterThanOrEqual(lastTime.get(e.subject) ?? 0);
      lastTime.set(e.subject, ms(e.time));
    }
    expect([...new Set(firstType.values())]).toEqual(['dossier.received']);
  });

  it('sends some facts again later with another value (corrections)', () => {
    const { distinct } = splitDuplicates(events);
    const facts = new Map<string, CloudEvent[]>();
    for (const e of distinct.filter((e) => ['dossier.rated', 'dossier.resolved', 'dossier.received', 'dossier.result_returned'].includes(e.type))) {
      facts.set(`${e.subject}|${e.type}`, [...(facts.get(`${e.subject}|${e.type}`) ?? []), e]);
    }
    const corrected = [...facts.values()].filter((list) => list.length > 1);
    expect(corrected.length).toBeGreaterThan(0);
    for (const [original, correction] of corrected) {
      expect(correction.data).not.toEqual(original.data);
      expect(correction.id > original.id).toBe(true); // wins a tie on time, too
      expect(ms(correction.time)).toBeGreaterThanOrEqual(ms(original.time));
    }
    expect(corrected.some(([e]) => e.type === 'dossier.rated')).toBe(true);
  });

  it('has roughly the intended mix', () => {
    const { distinct } = splitDuplicates(events);
    const received = distinct.filter((e) => e.type === 'dossier.received').length;
    expect(share(distinct, 'dossier.received', (d) => d.channel === 'online')).toBeCloseTo(0.75, 1);
    expect(share(distinct, 'dossier.received', (d) => d.channel !== 'online' || d.identityVerified)).toBeGreaterThan(0.9);
    expect(share(distinct, 'dossier.received', (d) => d.device === undefined || d.channel === 'online')).toBe(1);
    expect(share(distinct, 'dossier.transferred', (d) => d.method === 'electronic')).toBeCloseTo(0.78, 1);
    expect(share(distinct, 'dossier.payment_made', (d) => d.method === 'online')).toBeCloseTo(0.35, 1);
    expect(share(distinct, 'dossier.payment_made', (d) => Number.isInteger(d.amount) && d.amount >= 0)).toBe(1);
    expect(share(distinct, 'dossier.rated', (d) => d.rating !== 'unsatisfied')).toBeCloseTo(0.92, 1);
    expect(share(distinct, 'dossier.resolved', (d) => d.outcome === 'approved')).toBeGreaterThan(0.85);
    expect(share(distinct, 'workfile.processed', (d) => d.electronic)).toBeGreaterThan(0.8);
    const ofType = (type: string) => distinct.filter((e) => e.type === type).length / received;
    expect(ofType('dossier.synced')).toBeGreaterThan(0.9);
    expect(ofType('dossier.withdrawn')).toBeGreaterThan(0.01);
    expect(ofType('dossier.withdrawn')).toBeLessThan(0.05);
    expect(ofType('dossier.paused')).toBeGreaterThan(0.05);
    expect(ofType('dossier.resumed')).toBeGreaterThan(0.03);
    expect(ofType('dossier.rated')).toBeGreaterThan(0.2);
  });

  it('gives the same events for the same seed and clock readings, and others for another seed', () => {
    expect(pull({ mode }, 3000).events).toEqual(pull({ mode }, 3000).events);
    const other = new DossierStream({ seed: 43, province, mode, days: 30, dossiersPerDay: 300 }).next(3000, NOW_MS);
    expect(other).not.toEqual(pull({ mode }, 3000).events);
  });
});

describe('DossierStream, history mode', () => {
  it('spreads events over the window before the end instant, in time order apart from re-sends', () => {
    // given
    const end = NOW_MS - 3_600_000;
    const { events } = pull({ mode: 'history', endMs: end, days: 10 }, EVENTS);
    const { distinct } = splitDuplicates(events);
    // then
    const times = distinct.map((e) => ms(e.time));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(end - 10 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(end);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(5 * 86_400_000);
  });

  it('resolves mostly early or on time against the deadline in force (received or resumed dueAt)', () => {
    const { events } = pull({ mode: 'history' });
    const { distinct } = splitDuplicates(events);
    const deadline = new Map<string, string>();
    const verdicts = { early: 0, onTime: 0, late: 0 };
    const day = (time: string) => new Date(ms(time) + 7 * 3_600_000).toISOString().slice(0, 10);
    for (const e of distinct) {
      if (e.type === 'dossier.received' || e.type === 'dossier.resumed') deadline.set(e.subject, e.data.dueAt as string);
      if (e.type === 'dossier.resolved' && !e.id.endsWith('-2')) {
        expect(e.data.dueAt).toBe(deadline.get(e.subject));
        const [r, d] = [day(e.time), day(e.data.dueAt as string)];
        verdicts[r < d ? 'early' : r === d ? 'onTime' : 'late']++;
      }
    }
    const total = verdicts.early + verdicts.onTime + verdicts.late;
    expect((verdicts.early + verdicts.onTime) / total).toBeGreaterThan(0.85);
    expect(verdicts.late).toBeGreaterThan(0);
  });

  it('ends once the window is exhausted, then carries open dossiers on in live mode without filing them again', () => {
    // given
    const stream = new DossierStream({ seed: 1, province, mode: 'history', days: 3, dossiersPerDay: 100 });
    const history: CloudEvent[] = [];
    for (let batch = stream.next(1000, NOW_MS); batch.length > 0; batch = stream.next(1000, NOW_MS)) history.push(...batch);
    expect(stream.historyDone).toBe(true);
    const open = stream.inProgress;
    expect(open).toBeGreaterThan(0);
    // when
    stream.goLive();
    const later = NOW_MS + 60_000;
    const live = stream.next(2000, later);
    // then
    expect(live).toHaveLength(2000);
    for (const e of live) expect(e.time).toBe('2026-11-27T16:01:00.000+07:00');
    const historySubjects = new Set(history.map((e) => e.subject));
    const carried = live.filter((e) => historySubjects.has(e.subject));
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.filter((e) => e.type === 'dossier.received' && !e.id.endsWith('-2'))).toEqual([]);
    const ids = new Set(history.map(key));
    expect(live.filter((e) => ids.has(key(e)))).toEqual([]);
  });
});

describe('DossierStream options', () => {
  it('uses the given source and series in every event', () => {
    const events = new DossierStream({ seed: 3, province, mode: 'live', source: '/onestop/test', series: 'r7' }).next(500, NOW_MS);
    for (const e of events) {
      expect(e.source).toBe('/onestop/test');
      expect(e.subject).toMatch(/^QT-(VB-)?2026-r7-\d{6}$/);
    }
  });

  it('refuses a series that could not sit in an id', () => {
    expect(() => new DossierStream({ seed: 3, province, mode: 'live', series: 'a/b' })).toThrow(/series/);
  });
});
