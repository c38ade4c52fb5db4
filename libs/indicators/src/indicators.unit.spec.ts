import { COUNTERS, CounterTotals } from './counters';
import { CatalogCounts, INDICATOR_NAMES, LevelGroup, WorkfileCounts, computeIndicators, levelGroupOf } from './indicators';
import { ev, local } from './testing/events';
import { ProjectedStore, projectAll, subtreeScope } from './testing/query';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const DUE = local('2026-03-20', '17:00');
const noWorkfiles = (): Record<LevelGroup, WorkfileCounts> => ({
  provinceDepartment: { workfiles: 0, electronic: 0 },
  district: { workfiles: 0, electronic: 0 },
  commune: { workfiles: 0, electronic: 0 },
});
const noCatalog: CatalogCounts = { procedures: 0, online: 0, feeRequired: 0, feeRequiredOnlinePayment: 0, fullOnline: 0, fullOnlineMobile: 0 };

describe('computeIndicators: formulas and targets (SPEC §2)', () => {
  // distinct values so that any mix-up of counters shows
  const totals = Object.fromEntries(COUNTERS.map((c, i) => [c, 1000 + 37 * i])) as CounterTotals;
  const catalog: CatalogCounts = { procedures: 50, online: 41, feeRequired: 20, feeRequiredOnlinePayment: 17, fullOnline: 30, fullOnlineMobile: 29 };
  const wf = { provinceDepartment: { workfiles: 10, electronic: 10 }, district: { workfiles: 10, electronic: 9 }, commune: { workfiles: 5, electronic: 4 } };
  const ind = computeIndicators({ totals, workfilesByLevel: wf, catalog });
  const t = totals;

  it('returns exactly the twelve indicators', () => {
    expect(Object.keys(ind).sort()).toEqual([...INDICATOR_NAMES].sort());
  });

  it.each([
    ['electronicTransferRate', t.transfers_electronic, t.transfers, { '2025': 0.8 }],
    ['onlinePaymentRate', t.payments_online, t.payments, { '2025': 0.3, '2030': 0.5 }],
    ['onlineReceivedRate', t.received_online, t.received, undefined],
    ['onlineResolvedRate', t.resolved_online, t.resolved, { '2030': 0.8 }],
    ['onTimeRate', t.resolved_early + t.resolved_on_time, t.resolved, undefined],
    ['satisfactionRate', t.ratings_satisfied, t.ratings, { '2025': 0.9, '2030': 0.95 }],
    ['identityVerifiedRate', t.received_online_verified, t.received_online, { '2025': 1, '2030': 0.9 }],
    ['nationalSyncRate', t.received_synced, t.received, { '2025': 1, '2030': 1 }],
    ['workfileElectronicRate', t.workfiles_electronic, t.workfiles, { '2030': 1 }],
    ['proceduresOnlinePaymentRate', 17, 20, { '2025': 0.8, '2030': 1 }],
    ['proceduresOnlineRate', 41, 50, { '2025': 0.8, '2030': 0.9 }],
    ['proceduresMobileRate', 29, 30, { '2030': 1 }],
  ] as const)('%s = %d / %d with targets %j', (name, numerator, denominator, targets) => {
    const r = ind[name];
    expect(r.numerator).toBe(numerator);
    expect(r.denominator).toBe(denominator);
    expect(r.value).toBe(numerator / denominator);
    if (targets === undefined) expect(r.targets).toBeUndefined();
    else {
      expect(Object.keys(r.targets!).sort()).toEqual(Object.keys(targets).sort());
      for (const [year, min] of Object.entries(targets)) {
        expect(r.targets![year as '2025' | '2030']).toEqual({ min, met: numerator / denominator >= min });
      }
    }
  });

  it('catalog targets: met / not met exactly at the boundary', () => {
    expect(ind.proceduresOnlinePaymentRate.targets).toEqual({ '2025': { min: 0.8, met: true }, '2030': { min: 1, met: false } });
    expect(ind.proceduresOnlineRate.targets).toEqual({ '2025': { min: 0.8, met: true }, '2030': { min: 0.9, met: false } });
  });

  it('work files by level group, with the commune target at 0.80', () => {
    expect(ind.workfileElectronicRate.byLevel).toEqual({
      provinceDepartment: { numerator: 10, denominator: 10, value: 1, targets: { '2025': { min: 1, met: true }, '2030': { min: 1, met: true } } },
      district: { numerator: 9, denominator: 10, value: 0.9, targets: { '2025': { min: 1, met: false }, '2030': { min: 1, met: false } } },
      commune: { numerator: 4, denominator: 5, value: 0.8, targets: { '2025': { min: 0.8, met: true }, '2030': { min: 1, met: false } } },
    });
  });

  it('level groups: province and department together', () => {
    expect(levelGroupOf('province')).toBe('provinceDepartment');
    expect(levelGroupOf('department')).toBe('provinceDepartment');
    expect(levelGroupOf('district')).toBe('district');
    expect(levelGroupOf('commune')).toBe('commune');
  });

  it('all zero: every value null and every met null', () => {
    const zero = computeIndicators({ totals: Object.fromEntries(COUNTERS.map((c) => [c, 0])) as CounterTotals, workfilesByLevel: noWorkfiles(), catalog: noCatalog });
    for (const name of INDICATOR_NAMES) {
      expect(zero[name].value).toBeNull();
      for (const target of Object.values(zero[name].targets ?? {})) expect(target.met).toBeNull();
    }
  });
});

describe('indicators from events (given / then)', () => {
  it('electronicTransferRate: 4 electronic of 5 transfers meets the 2025 target of 0.80', () => {
    const events = [0, 1, 2, 3, 4].map((i) =>
      ev.transferred({ id: `t${i}`, time: local('2026-03-02', `1${i}:00`, 'Z'), dossier: `D${i}`, method: i < 4 ? 'electronic' : 'paper' }),
    );
    expect(projectAll(events).indicators(MARCH).electronicTransferRate).toEqual({
      numerator: 4, denominator: 5, value: 0.8, targets: { '2025': { min: 0.8, met: true } },
    });
    expect(projectAll(events.slice(1)).indicators(MARCH).electronicTransferRate.targets).toEqual({ '2025': { min: 0.8, met: false } });
  });

  it('onlinePaymentRate: bucketed by payment time (23:59 local in -05:00 stays in the day)', () => {
    const store = projectAll([
      ev.paymentMade({ id: 'p1', time: local('2026-03-31', '23:59', '-05:00'), dossier: 'D1', method: 'online' }),
      ev.paymentMade({ id: 'p2', time: local('2026-04-01', '00:00', 'Z'), dossier: 'D1', method: 'online' }),
      ev.paymentMade({ id: 'p3', time: local('2026-03-10', '00:00', '-05:00'), dossier: 'D2', method: 'offline' }),
    ]);
    expect(store.indicators(MARCH).onlinePaymentRate).toEqual({
      numerator: 1, denominator: 2, value: 0.5, targets: { '2025': { min: 0.3, met: true }, '2030': { min: 0.5, met: true } },
    });
    expect(store.indicators({ from: '2026-04-01', to: '2026-04-01' }).onlinePaymentRate).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('onlineReceivedRate and identityVerifiedRate: verification counts for online receipts only', () => {
    const store = projectAll([
      ev.received({ id: 'r1', time: local('2026-03-01', '10:00'), dossier: 'D1', channel: 'online', identityVerified: true, dueAt: DUE }),
      ev.received({ id: 'r2', time: local('2026-03-01', '10:00'), dossier: 'D2', channel: 'online', identityVerified: false, dueAt: DUE }),
      ev.received({ id: 'r3', time: local('2026-03-01', '10:00'), dossier: 'D3', channel: 'in_person', identityVerified: true, dueAt: DUE }),
      ev.received({ id: 'r4', time: local('2026-03-01', '10:00'), dossier: 'D4', channel: 'postal', identityVerified: true, dueAt: DUE }),
    ]);
    const ind = store.indicators(MARCH);
    expect(ind.onlineReceivedRate).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(ind.identityVerifiedRate).toEqual({
      numerator: 1, denominator: 2, value: 0.5, targets: { '2025': { min: 1, met: false }, '2030': { min: 0.9, met: false } },
    });
  });

  it('onTimeRate: early and on time count, late does not (local dates)', () => {
    const store = projectAll([
      ev.resolved({ id: 's1', time: local('2026-03-05', '23:59', 'Z'), dossier: 'D1', dueAt: local('2026-03-05', '00:00', '-05:00') }), // on time
      ev.resolved({ id: 's2', time: local('2026-03-05', '23:59', '-05:00'), dossier: 'D2', dueAt: local('2026-03-06', '00:00', 'Z') }), // early
      ev.resolved({ id: 's3', time: local('2026-03-06', '00:00', '-05:00'), dossier: 'D3', dueAt: local('2026-03-05', '23:59', 'Z') }), // late
    ]);
    expect(store.indicators(MARCH).onTimeRate).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(store.report(MARCH).resolved).toEqual({ early: 1, onTime: 1, late: 1 });
  });

  it('onlineResolvedRate: target 2030 of 0.80', () => {
    const store = projectAll([
      ev.received({ id: 'r1', time: local('2026-03-01', '10:00'), dossier: 'D1', channel: 'online', dueAt: DUE }),
      ev.resolved({ id: 's1', time: local('2026-03-02', '10:00'), dossier: 'D1', dueAt: DUE }),
      ev.resolved({ id: 's2', time: local('2026-03-02', '10:00'), dossier: 'D2', dueAt: DUE }),
    ]);
    expect(store.indicators(MARCH).onlineResolvedRate).toEqual({
      numerator: 1, denominator: 2, value: 0.5, targets: { '2030': { min: 0.8, met: false } },
    });
  });

  it('satisfactionRate: satisfied and very satisfied over all ratings; one rating per dossier', () => {
    const store = projectAll([
      ev.rated({ id: 'x1', time: local('2026-03-03', '10:00'), dossier: 'D1', rating: 'very_satisfied' }),
      ev.rated({ id: 'x2', time: local('2026-03-03', '10:00'), dossier: 'D2', rating: 'satisfied' }),
      ev.rated({ id: 'x3', time: local('2026-03-03', '10:00'), dossier: 'D3', rating: 'unsatisfied' }),
      ev.rated({ id: 'x4', time: local('2026-03-04', '10:00'), dossier: 'D3', rating: 'satisfied' }), // D3 re-rates
    ]);
    expect(store.indicators(MARCH).satisfactionRate).toEqual({
      numerator: 3, denominator: 3, value: 1, targets: { '2025': { min: 0.9, met: true }, '2030': { min: 0.95, met: true } },
    });
  });

  it('nationalSyncRate: synced at any time counts in the received bucket', () => {
    const store = projectAll([
      ev.received({ id: 'r1', time: local('2026-03-01', '10:00'), dossier: 'D1', dueAt: DUE }),
      ev.received({ id: 'r2', time: local('2026-03-01', '10:00'), dossier: 'D2', dueAt: DUE }),
      ev.synced({ id: 'y1', time: local('2026-05-01', '10:00'), dossier: 'D1' }),
      ev.synced({ id: 'y3', time: local('2026-03-01', '10:00'), dossier: 'D3' }), // not received: nowhere
    ]);
    expect(store.indicators(MARCH).nationalSyncRate).toEqual({
      numerator: 1, denominator: 2, value: 0.5, targets: { '2025': { min: 1, met: false }, '2030': { min: 1, met: false } },
    });
    expect(store.indicators({ from: '2026-05-01', to: '2026-05-01' }).nationalSyncRate.denominator).toBe(0);
  });

  it('workfileElectronicRate: split by the current level of each agency; rolls up over the current tree', () => {
    const t = local('2026-03-03', '10:00');
    const store = new ProjectedStore();
    store.ingest([
      ev.agency({ id: 'a1', time: t, code: 'P', level: 'province', parent: null }),
      ev.agency({ id: 'a2', time: t, code: 'DEP', level: 'department', parent: 'P' }),
      ev.agency({ id: 'a3', time: t, code: 'DIS', level: 'district', parent: 'P' }),
      ev.agency({ id: 'a4', time: t, code: 'COM', level: 'commune', parent: 'DIS' }),
      ev.workfile({ id: 'w1', time: t, agency: 'P', electronic: true }),
      ev.workfile({ id: 'w2', time: t, agency: 'DEP', electronic: false }),
      ev.workfile({ id: 'w3', time: t, agency: 'DIS', electronic: true }),
      ev.workfile({ id: 'w4', time: t, agency: 'COM', electronic: true }),
      ev.workfile({ id: 'w5', time: t, agency: 'COM', electronic: false }),
    ]);
    const all = store.indicators(MARCH, subtreeScope('P', store.agencies)).workfileElectronicRate;
    expect(all).toMatchObject({ numerator: 3, denominator: 5, value: 0.6, targets: { '2030': { min: 1, met: false } } });
    expect(all.byLevel.provinceDepartment).toMatchObject({ numerator: 1, denominator: 2 });
    expect(all.byLevel.district).toMatchObject({ numerator: 1, denominator: 1, targets: { '2025': { min: 1, met: true } } });
    expect(all.byLevel.commune).toMatchObject({ numerator: 1, denominator: 2, targets: { '2025': { min: 0.8, met: false } } });
    expect(store.indicators(MARCH, subtreeScope('DIS', store.agencies)).workfileElectronicRate).toMatchObject({ numerator: 2, denominator: 3 });
    // the commune moves under the province directly and becomes a district: queries follow the current tree
    store.ingest([ev.agency({ id: 'a5', time: local('2026-04-01', '00:00'), code: 'COM', level: 'district', parent: 'P' })]);
    expect(store.indicators(MARCH, subtreeScope('DIS', store.agencies)).workfileElectronicRate).toMatchObject({ numerator: 1, denominator: 1 });
    expect(store.indicators(MARCH, subtreeScope('P', store.agencies)).workfileElectronicRate.byLevel.district).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('catalog indicators count the current procedures of the subtree and ignore the date range', () => {
    const t = local('2025-06-01', '10:00');
    const store = projectAll([
      ev.agency({ id: 'a1', time: t, code: 'P', level: 'province', parent: null }),
      ev.agency({ id: 'a2', time: t, code: 'C', level: 'commune', parent: 'P' }),
      ev.procedure({ id: 'p1', time: t, code: 'PR1', agency: 'P', feeRequired: true, onlinePayment: true, onlineLevel: 'full', mobile: true }),
      ev.procedure({ id: 'p2', time: t, code: 'PR2', agency: 'C', feeRequired: true, onlinePayment: false, onlineLevel: 'partial', mobile: false }),
      ev.procedure({ id: 'p3', time: t, code: 'PR3', agency: 'C', feeRequired: false, onlinePayment: true, onlineLevel: 'none', mobile: true }),
      ev.procedure({ id: 'p4', time: t, code: 'PR4', agency: 'C', onlineLevel: 'full', mobile: false }),
      // PR2 republished later: now online payment
      ev.procedure({ id: 'p0', time: local('2025-07-01', '10:00', '-05:00'), code: 'PR2', agency: 'C', feeRequired: true, onlinePayment: true, onlineLevel: 'partial' }),
    ]);
    const p = store.indicators({ from: '2030-01-01', to: '2030-01-01' }, subtreeScope('P', store.agencies));
    expect(p.proceduresOnlinePaymentRate).toEqual({ numerator: 2, denominator: 2, value: 1, targets: { '2025': { min: 0.8, met: true }, '2030': { min: 1, met: true } } });
    expect(p.proceduresOnlineRate).toEqual({ numerator: 3, denominator: 4, value: 0.75, targets: { '2025': { min: 0.8, met: false }, '2030': { min: 0.9, met: false } } });
    expect(p.proceduresMobileRate).toEqual({ numerator: 1, denominator: 2, value: 0.5, targets: { '2030': { min: 1, met: false } } });
    const c = store.indicators(MARCH, subtreeScope('C', store.agencies));
    expect(c.proceduresOnlineRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(c.proceduresMobileRate).toEqual({ numerator: 0, denominator: 1, value: 0, targets: { '2030': { min: 1, met: false } } });
  });

  it('an indicator with no events in range: value null, targets met null', () => {
    const store = projectAll([ev.rated({ id: 'x', time: local('2026-02-28', '23:59', 'Z'), dossier: 'D1', rating: 'satisfied' })]);
    expect(store.indicators(MARCH).satisfactionRate).toEqual({
      numerator: 0, denominator: 0, value: null, targets: { '2025': { min: 0.9, met: null }, '2030': { min: 0.95, met: null } },
    });
    expect(store.indicators({ from: '2026-02-28', to: '2026-02-28' }).satisfactionRate.value).toBe(1);
  });
});
