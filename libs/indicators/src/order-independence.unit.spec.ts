/**
 * SPEC §1 "Order does not matter": indicators are a pure function of the set of distinct events.
 * Property-based: any permutation, duplication or split into batches gives the same counters per
 * (agency, day), and those agree with a naive reference model recomputed from SPEC's definitions.
 */
import type { RecordedEvent } from '@app/contract';
import fc from 'fast-check';
import type { DossierState } from './dossier-state';
import { projectBatch } from './project-batch';
import { Offset, SOURCE, ev, local, record } from './testing/events';
import { ProjectedStore, Range, Scope, counterSnapshot, projectAll, subtreeScope } from './testing/query';
import { ReferenceModel } from './testing/reference-model';

// ---------------------------------------------------------------- generators

const SOURCES = ['/onestop/a', '/onestop/b'];
/** Few, so that equal ids with different sources and the ordering of ids ("10" < "9" < "B" < "a") are exercised. */
const ID_TAGS = ['a', 'b', 'B', 'ab', '10', '9', 'z'];
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'];
const DUE_DAYS = ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
/** Local wall-clock times around the local midnight and the UTC midnight (07:00 local). */
const CLOCKS = ['00:00', '06:59:59.999999', '07:00', '12:30', '23:59', '23:59:59.999999'];
const OFFSETS: Offset[] = ['+07:00', 'Z', '-05:00'];
const AGENCIES = ['P', 'A1', 'A2', 'A3'];
const DOSSIERS = ['D1', 'D2', 'D3', 'D4'];
const LEVELS = ['province', 'department', 'district', 'commune'] as const;

const at = (days: string[]) =>
  fc.tuple(fc.constantFrom(...days), fc.constantFrom(...CLOCKS), fc.constantFrom(...OFFSETS)).map(([d, c, o]) => local(d, c, o));
/** Biased towards one instant (written with each offset), so that competing facts often have equal times. */
const timeArb = fc.oneof({ weight: 3, arbitrary: at(DAYS) }, { weight: 1, arbitrary: fc.constantFrom(...OFFSETS).map((o) => local('2026-03-02', '23:59', o)) });
const dueArb = at(DUE_DAYS);
const agencyArb = fc.constantFrom(...AGENCIES);

/** A CloudEvent without its id; `tag` becomes the id (made unique per source where needed). */
interface Spec {
  type: string;
  source: string;
  tag: string;
  time: string;
  subject: string;
  data: Record<string, unknown>;
}

const envelope = { source: fc.constantFrom(...SOURCES), tag: fc.constantFrom(...ID_TAGS), time: timeArb };

function dossierSpec(type: string, data: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Spec> {
  return fc
    .record({ ...envelope, subject: fc.constantFrom(...DOSSIERS), agency: agencyArb, data })
    .map((r) => ({ type, source: r.source, tag: r.tag, time: r.time, subject: r.subject, data: { agencyCode: r.agency, ...r.data } }));
}

const receivedData = fc
  .record({
    procedureCode: fc.constantFrom('PR1', 'PR2'),
    channel: fc.constantFrom('online', 'in_person', 'postal'),
    onlineLevel: fc.constantFrom('full', 'partial'),
    device: fc.option(fc.constantFrom('web', 'mobile'), { nil: undefined }),
    applicantType: fc.constantFrom('citizen', 'business'),
    identityVerified: fc.boolean(),
    dueAt: dueArb,
  })
  .map(({ onlineLevel, device, ...d }) => (d.channel === 'online' ? { ...d, onlineLevel, ...(device ? { device } : {}) } : d));

const agencySpec: fc.Arbitrary<Spec> = fc
  .nat({ max: AGENCIES.length - 1 })
  .chain((i) =>
    fc.record({
      ...envelope,
      time: at(['2026-01-01', '2026-01-02']),
      level: fc.constantFrom(...LEVELS),
      // parents only among earlier agencies: every version of the tree is a forest
      parent: i === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...AGENCIES.slice(0, i)), { nil: null }),
    }).map((r) => ({
      type: 'agency.registered', source: r.source, tag: r.tag, time: r.time, subject: AGENCIES[i],
      data: { code: AGENCIES[i], name: `Agency ${AGENCIES[i]} ${r.level}`, level: r.level, parentCode: r.parent },
    })),
  );

const procedureSpec: fc.Arbitrary<Spec> = fc
  .record({
    ...envelope,
    code: fc.constantFrom('PR1', 'PR2', 'PR3'),
    agencyCode: agencyArb,
    feeRequired: fc.boolean(),
    onlinePayment: fc.boolean(),
    onlineLevel: fc.constantFrom('full', 'partial', 'none'),
    mobile: fc.boolean(),
  })
  .map(({ source, tag, time, code, ...d }) => ({ type: 'procedure.published', source, tag, time, subject: code, data: { code, name: `Procedure ${code}`, ...d } }));

const workfileSpec: fc.Arbitrary<Spec> = fc
  .record({ ...envelope, subject: fc.constantFrom('W1', 'W2'), agencyCode: agencyArb, electronic: fc.boolean() })
  .map(({ source, tag, time, subject, ...d }) => ({ type: 'workfile.processed', source, tag, time, subject, data: d }));

const specArb: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 5, arbitrary: dossierSpec('dossier.received', receivedData) },
  { weight: 4, arbitrary: dossierSpec('dossier.resolved', fc.record({ outcome: fc.constantFrom('approved', 'rejected'), dueAt: dueArb })) },
  { weight: 2, arbitrary: dossierSpec('dossier.withdrawn', fc.constant({})) },
  { weight: 2, arbitrary: dossierSpec('dossier.rated', fc.record({ rating: fc.constantFrom('very_satisfied', 'satisfied', 'unsatisfied') })) },
  { weight: 2, arbitrary: dossierSpec('dossier.synced', fc.constant({ target: 'national_portal' })) },
  { weight: 1, arbitrary: dossierSpec('dossier.result_returned', fc.record({ method: fc.constantFrom('online', 'in_person', 'postal') })) },
  { weight: 2, arbitrary: dossierSpec('dossier.resumed', fc.record({ dueAt: dueArb })) },
  { weight: 1, arbitrary: dossierSpec('dossier.paused', fc.record({ reason: fc.constantFrom('supplement_requested', 'other') })) },
  {
    weight: 2,
    arbitrary: dossierSpec(
      'dossier.transferred',
      fc.record({ fromAgencyCode: agencyArb, toAgencyCode: agencyArb, method: fc.constantFrom('electronic', 'paper') }),
    ),
  },
  { weight: 2, arbitrary: dossierSpec('dossier.payment_made', fc.record({ amount: fc.nat({ max: 1_000_000 }), method: fc.constantFrom('online', 'offline') })) },
  { weight: 2, arbitrary: workfileSpec },
  { weight: 1, arbitrary: agencySpec },
  { weight: 1, arbitrary: procedureSpec },
);

/** Two versions of one fact with equal time and id from different sources: only the source can break the tie. */
const twinArb: fc.Arbitrary<Spec[]> = fc
  .constantFrom(
    dossierSpec('dossier.received', receivedData),
    dossierSpec('dossier.resolved', fc.record({ outcome: fc.constantFrom('approved', 'rejected'), dueAt: dueArb })),
    dossierSpec('dossier.rated', fc.record({ rating: fc.constantFrom('very_satisfied', 'satisfied', 'unsatisfied') })),
  )
  .chain((arb) => fc.tuple(arb, arb))
  .map(([a, b]) => [a, { ...b, tag: a.tag, time: a.time, subject: a.subject, source: SOURCES.find((x) => x !== a.source)! }]);

/** Distinct events: ids are the tags, suffixed where a (source, id) pair would repeat with other content. */
function toEvents(specs: Spec[]): RecordedEvent[] {
  const used = new Set<string>();
  return specs.map((s, i) => {
    let id = s.tag;
    if (used.has(`${s.source} ${id}`)) id = `${s.tag}-${i}`;
    used.add(`${s.source} ${id}`);
    return record({ specversion: '1.0', id, source: s.source, type: s.type, time: s.time, subject: s.subject, data: s.data });
  });
}

const eventsArb: fc.Arbitrary<RecordedEvent[]> = fc
  .tuple(
    // one registration per agency so that there is a tree, plus whatever competing versions the mix adds
    fc.tuple(...AGENCIES.map((_, i) => agencySpec.filter((s) => s.subject === AGENCIES[i]))),
    fc.array(twinArb, { maxLength: 1 }),
    fc.array(specArb, { minLength: 1, maxLength: 45, size: 'medium' }),
  )
  .map(([regs, twins, rest]) => toEvents([...regs, ...twins.flat(), ...rest]));

/** A delivery of a set of events: a permutation, some exact duplicates inserted anywhere, and cuts into batches. */
interface Delivery {
  events: RecordedEvent[];
  permuted: RecordedEvent[];
  delivered: RecordedEvent[];
  batches: RecordedEvent[][];
}

const deliveryArb: fc.Arbitrary<Delivery> = eventsArb.chain((events) =>
  fc
    .record({
      permuted: fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
      dups: fc.array(fc.tuple(fc.nat({ max: events.length - 1 }), fc.nat()), { maxLength: 12 }),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    })
    .map(({ permuted, dups, cuts }) => {
      const delivered = [...permuted];
      // an exact copy (a new object with the same content), as a redelivery would be
      for (const [i, pos] of dups) delivered.splice(pos % (delivered.length + 1), 0, JSON.parse(JSON.stringify(events[i])));
      const points = [...new Set(cuts.map((c) => c % (delivered.length + 1)))].sort((a, b) => a - b);
      const batches: RecordedEvent[][] = [];
      let start = 0;
      for (const p of [...points, delivered.length]) {
        batches.push(delivered.slice(start, p)); // empty batches included on purpose
        start = p;
      }
      return { events, permuted, delivered, batches };
    }),
);

// ---------------------------------------------------------------- comparisons

const sorted = <V>(m: ReadonlyMap<string, V>): Record<string, V> => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
const stateOf = (s: ProjectedStore) => ({ dossiers: sorted<DossierState>(s.dossiers), agencies: sorted(s.agencies), procedures: sorted(s.procedures) });

function ingestBatches(batches: RecordedEvent[][]): ProjectedStore {
  const store = new ProjectedStore();
  for (const b of batches) store.ingest(b);
  return store;
}

const RANGES: Range[] = [
  { from: '2026-02-01', to: '2026-02-28' },
  { from: '2026-03-01', to: '2026-03-01' },
  { from: '2026-03-02', to: '2026-03-03' },
  { from: '2026-03-01', to: '2026-03-04' },
  { from: '2026-03-04', to: '2026-03-04' },
  { from: '2026-03-03', to: '2026-03-06' },
  { from: '2026-03-05', to: '2026-03-05' },
  { from: '2026-03-07', to: '2026-03-31' },
  { from: '2026-02-27', to: '2026-04-30' },
];
const ALL_DAYS = ['2026-02-28', ...DAYS, '2026-03-05', '2026-03-06', '2026-03-07'];
const rangeArb: fc.Arbitrary<Range> = fc
  .tuple(fc.constantFrom(...ALL_DAYS), fc.constantFrom(...ALL_DAYS))
  .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

/** Scopes as the query side would have them (from the projected tree) and as the reference model has them. */
function scopes(store: ProjectedStore, ref: ReferenceModel): { name: string; store: Scope; ref: (a: string) => boolean }[] {
  return [
    { name: 'all agencies', store: undefined, ref: () => true },
    ...AGENCIES.map((root) => ({ name: `subtree ${root}`, store: subtreeScope(root, store.agencies), ref: (a: string) => ref.inSubtree(root, a) })),
    ...AGENCIES.map((only) => ({ name: `only ${only}`, store: (a: string) => a === only, ref: (a: string) => a === only })),
  ];
}

function expectAgreesWithReference(store: ProjectedStore, ref: ReferenceModel, ranges: Range[]): void {
  const actual: unknown[] = [];
  const expected: unknown[] = [];
  for (const range of ranges) {
    for (const scope of scopes(store, ref)) {
      const where = `${scope.name} [${range.from}, ${range.to}]`;
      actual.push({ where, report: store.report(range, scope.store), indicators: store.indicators(range, scope.store) });
      expected.push({ where, report: ref.report(scope.ref, range.from, range.to), indicators: ref.indicators(scope.ref, range.from, range.to) });
    }
  }
  // a cheap check first; the deep comparison (with its readable diff) runs when anything differs
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

const RUNS = 300;

// ---------------------------------------------------------------- properties

describe('order independence (SPEC §1)', () => {
  it('(a) any permutation of the events gives the same counters per (agency, day) and the same stored state', () => {
    fc.assert(
      fc.property(deliveryArb, ({ events, permuted }) => {
        const base = projectAll(events);
        const other = projectAll(permuted);
        expect(other.snapshot()).toEqual(base.snapshot());
        expect(stateOf(other)).toEqual(stateOf(base));
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) any duplication of events (exact redeliveries) changes nothing', () => {
    fc.assert(
      fc.property(deliveryArb, ({ events, delivered }) => {
        const base = projectAll(events);
        const withDuplicates = projectAll(delivered);
        expect(withDuplicates.snapshot()).toEqual(base.snapshot());
        expect(stateOf(withDuplicates)).toEqual(stateOf(base));
      }),
      { numRuns: RUNS },
    );
  });

  it('(c) any split of a (permuted, duplicated) delivery into consecutive batches gives the same counters', () => {
    fc.assert(
      fc.property(deliveryArb, ({ events, batches }) => {
        const base = projectAll(events);
        const batched = ingestBatches(batches);
        expect(batched.snapshot()).toEqual(base.snapshot());
        expect(stateOf(batched)).toEqual(stateOf(base));
      }),
      { numRuns: RUNS },
    );
  });

  it('(c′) one event per batch, in a random order, gives the same counters', () => {
    fc.assert(
      fc.property(deliveryArb, ({ events, delivered }) => {
        expect(ingestBatches(delivered.map((e) => [e])).snapshot()).toEqual(projectAll(events).snapshot());
      }),
      { numRuns: RUNS },
    );
  });

  it('(d) the projected counters agree with a naive reference model, for every indicator and report column, several ranges and scopes', () => {
    fc.assert(
      fc.property(deliveryArb, fc.array(rangeArb, { minLength: 1, maxLength: 3 }), ({ events, batches }, extra) => {
        const store = ingestBatches(batches);
        expectAgreesWithReference(store, new ReferenceModel(events), [...RANGES, ...extra]);
      }),
      { numRuns: RUNS },
    );
  });

  it('(e) re-projecting stored facts and reference data (without de-duplication) changes nothing', () => {
    fc.assert(
      fc.property(deliveryArb, ({ events, permuted }) => {
        const store = projectAll(events);
        const noOccurrences = permuted.filter(
          (e) => !['dossier.transferred', 'dossier.payment_made', 'workfile.processed'].includes(e.type),
        );
        const fx = projectBatch(noOccurrences, store);
        expect(fx.dossiers.size).toBe(0);
        expect(fx.agencies.size).toBe(0);
        expect(fx.procedures.size).toBe(0);
        expect(counterSnapshot(fx.deltas)).toEqual({});
      }),
      { numRuns: RUNS },
    );
  });

  it('the accumulated counters are never negative (nor zero-valued) per (agency, day)', () => {
    fc.assert(
      fc.property(deliveryArb, ({ batches }) => {
        const snap = ingestBatches(batches).snapshot();
        for (const [row, values] of Object.entries(snap)) {
          for (const [counter, v] of Object.entries(values)) expect({ row, counter, positive: v! > 0 }).toEqual({ row, counter, positive: true });
        }
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- the generator covers the hard cases

describe('the generator', () => {
  const FACTS = ['dossier.received', 'dossier.resolved', 'dossier.withdrawn', 'dossier.rated', 'dossier.synced', 'dossier.result_returned'];
  const samples = fc.sample(deliveryArb, { numRuns: 300, seed: 20260301 });
  const share = (pred: (d: Delivery) => boolean) => samples.filter(pred).length / samples.length;
  const competing = (d: Delivery) => {
    const groups = new Map<string, RecordedEvent[]>();
    for (const e of d.events.filter((e) => FACTS.includes(e.type))) groups.set(`${e.subject} ${e.type}`, [...(groups.get(`${e.subject} ${e.type}`) ?? []), e]);
    return [...groups.values()].filter((g) => g.length > 1);
  };
  const stats = {
    competingVersions: share((d) => competing(d).length > 0),
    competingReceived: share((d) => competing(d).some((g) => g[0].type === 'dossier.received' && new Set(g.map((e) => (e.data as { agencyCode: string }).agencyCode)).size > 1)),
    equalTimes: share((d) => competing(d).some((g) => new Set(g.map((e) => e.at)).size < g.length)),
    equalTimeAndId: share((d) => competing(d).some((g) => g.some((a) => g.some((b) => a !== b && a.at === b.at && a.id === b.id)))),
    resolvedWithoutReceived: share((d) => d.events.some((e) => e.type === 'dossier.resolved' && !d.events.some((r) => r.type === 'dossier.received' && r.subject === e.subject))),
    duplicates: share((d) => d.delivered.length > d.events.length),
    severalBatches: share((d) => d.batches.filter((b) => b.length > 0).length > 1),
    lateArrival: share((d) => d.permuted.some((e, i) => i > 0 && e.at < d.permuted[i - 1].at)),
    competingAgencyVersions: share((d) => new Set(d.events.filter((e) => e.type === 'agency.registered').map((e) => e.subject)).size < d.events.filter((e) => e.type === 'agency.registered').length),
  };

  it.each(Object.keys(stats))('produces %s in a fair share of the cases', (name) => {
    expect(stats[name as keyof typeof stats]).toBeGreaterThan(0.1);
  });
});

// ---------------------------------------------------------------- the reference model itself

describe('the reference model (sanity, hand-computed)', () => {
  const due = (d: string) => local(d, '12:00');
  const events = [
    ev.agency({ id: 'ap', time: local('2026-01-01', '00:00'), code: 'P', level: 'province', parent: null }),
    ev.agency({ id: 'a1', time: local('2026-01-01', '00:00'), code: 'A1', level: 'commune', parent: 'P' }),
    // D1: received online on 03-01, corrected to postal by a later event; resolved 03-03, due 03-02 (late)
    ev.received({ id: 'r1', time: local('2026-03-01', '08:00'), dossier: 'D1', agency: 'A1', channel: 'online', dueAt: due('2026-03-02') }),
    ev.received({ id: 'r0', time: local('2026-03-01', '08:00:01', 'Z'), dossier: 'D1', agency: 'A1', channel: 'postal', dueAt: due('2026-03-02') }),
    ev.resolved({ id: 's1', time: local('2026-03-03', '23:59', '-05:00'), dossier: 'D1', agency: 'A1', dueAt: due('2026-03-02') }),
    // D2: received in person 03-02 at P, open, due 03-03; two ratings at equal times: id "b" wins
    ev.received({ id: 'r2', time: local('2026-03-02', '00:00', '-05:00'), dossier: 'D2', agency: 'P', channel: 'online', identityVerified: false, dueAt: due('2026-03-03') }),
    ev.rated({ id: 'b', time: local('2026-03-04', '10:00', 'Z'), dossier: 'D2', agency: 'P', rating: 'satisfied' }),
    ev.rated({ id: 'a', time: local('2026-03-04', '10:00', '+07:00'), dossier: 'D2', agency: 'P', rating: 'unsatisfied' }),
    ev.synced({ id: 'y2', time: local('2026-03-09', '10:00'), dossier: 'D2', agency: 'P' }),
    ev.transferred({ id: 't', time: local('2026-03-02', '10:00'), dossier: 'D2', agency: 'P', method: 'electronic' }),
  ];
  const ref = new ReferenceModel([...events, events[3]]);
  const all = () => true;

  it('de-duplicates by (source, id)', () => {
    expect(ref.distinct).toHaveLength(events.length);
    expect(ref.distinct.every((e) => e.source === SOURCE)).toBe(true);
  });

  it('report rows', () => {
    expect(ref.report(all, '2026-03-01', '2026-03-02')).toEqual({
      received: { online: 1, inPerson: 0, postal: 1 }, carriedOver: 0, resolved: { early: 0, onTime: 0, late: 0 },
      withdrawn: 0, inProgress: { withinDeadline: 2, overdue: 0 }, overdueNow: 0,
    });
    expect(ref.report(all, '2026-03-03', '2026-03-04')).toEqual({
      received: { online: 0, inPerson: 0, postal: 0 }, carriedOver: 2, resolved: { early: 0, onTime: 0, late: 1 },
      withdrawn: 0, inProgress: { withinDeadline: 0, overdue: 1 }, overdueNow: 0,
    });
    expect(ref.report((a) => ref.inSubtree('A1', a), '2026-03-03', '2026-03-04').carriedOver).toBe(1);
  });

  it('indicators', () => {
    const ind = ref.indicators(all, '2026-03-01', '2026-03-31');
    expect(ind.onlineReceivedRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(ind.identityVerifiedRate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(ind.nationalSyncRate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(ind.satisfactionRate).toMatchObject({ numerator: 1, denominator: 1 });
    expect(ind.onlineResolvedRate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(ind.onTimeRate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(ind.electronicTransferRate).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('and the projection agrees with it on this scenario', () => {
    const store = new ProjectedStore();
    for (const e of [...events].reverse()) store.ingest([e]);
    expectAgreesWithReference(store, ref, RANGES);
  });
});
