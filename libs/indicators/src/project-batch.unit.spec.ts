import { projectBatch, stateKeys } from './project-batch';
import { ev, local } from './testing/events';
import { ProjectedStore, counterSnapshot, projectAll } from './testing/query';

const D = 'D1';
const DUE = local('2026-03-10', '17:00');
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const EMPTY = { dossiers: new Map(), agencies: new Map(), procedures: new Map() };

describe('projectBatch', () => {
  describe('fact corrections', () => {
    const online = ev.received({ id: 'r1', time: local('2026-03-01', '09:00'), dossier: D, channel: 'online', dueAt: DUE });
    const inPerson = ev.received({ id: 'r2', time: local('2026-03-01', '10:00', 'Z'), dossier: D, channel: 'in_person', dueAt: DUE });

    it('a later dossier.received with another channel moves the dossier from online to in_person', () => {
      const store = new ProjectedStore();
      store.ingest([online]);
      expect(store.report(MARCH).received).toEqual({ online: 1, inPerson: 0, postal: 0 });
      const fx = store.ingest([inPerson]);
      expect(counterSnapshot(fx.deltas)).toEqual({ 'AG1|2026-03-01': { received_online: -1, received_online_verified: -1, received_in_person: 1 } });
      expect(store.report(MARCH).received).toEqual({ online: 0, inPerson: 1, postal: 0 });
      expect(store.indicators(MARCH).onlineReceivedRate).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
      expect(store.indicators(MARCH).identityVerifiedRate).toMatchObject({ numerator: 0, denominator: 0, value: null });
    });

    it('the correction arriving first and the original late: the original changes nothing', () => {
      const store = new ProjectedStore();
      store.ingest([inPerson]);
      const fx = store.ingest([online]);
      expect(fx.dossiers.size).toBe(0);
      expect(fx.deltas.size).toBe(0);
      expect(store.report(MARCH).received).toEqual({ online: 0, inPerson: 1, postal: 0 });
    });

    it('a correction that moves the received day and agency moves every received counter and the open interval', () => {
      const store = new ProjectedStore();
      store.ingest([online]);
      store.ingest([ev.received({ id: 'r3', time: local('2026-03-04', '09:00', '-05:00'), dossier: D, agency: 'AG2', channel: 'postal', dueAt: DUE })]);
      expect(store.snapshot()).toEqual({
        'AG2|2026-03-04': { received: 1, received_postal: 1, opened: 1 },
        'AG2|2026-03-11': { overdue_from: 1 },
      });
    });

    it('a later rated event replaces the earlier rating (and its bucket)', () => {
      const store = new ProjectedStore();
      store.ingest([ev.rated({ id: 'x1', time: local('2026-03-02', '10:00'), dossier: D, rating: 'unsatisfied' })]);
      expect(store.indicators(MARCH).satisfactionRate).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
      store.ingest([ev.rated({ id: 'x0', time: local('2026-03-03', '10:00', 'Z'), dossier: D, rating: 'very_satisfied' })]);
      expect(store.indicators(MARCH).satisfactionRate).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
      expect(store.snapshot()).toEqual({ 'AG1|2026-03-03': { ratings: 1, ratings_satisfied: 1 } });
    });

    it('equal times → the greater id wins, whatever the arrival order or batching', () => {
      const a = ev.received({ id: 'a', time: local('2026-03-01', '09:00', '-05:00'), dossier: D, channel: 'online', dueAt: DUE });
      const b = ev.received({ id: 'b', time: local('2026-03-01', '09:00', 'Z'), dossier: D, channel: 'postal', dueAt: DUE });
      expect(a.at).toBe(b.at);
      for (const batches of [[[a, b]], [[b, a]], [[a], [b]], [[b], [a]]]) {
        const store = new ProjectedStore();
        batches.forEach((batch) => store.ingest(batch));
        expect(store.report(MARCH).received).toEqual({ online: 0, inPerson: 0, postal: 1 });
      }
    });
  });

  describe('resolved before received', () => {
    const resolved = ev.resolved({ id: 's', time: local('2026-03-05', '10:00'), dossier: D, agency: 'AG2', dueAt: local('2026-03-05', '23:59', 'Z') });
    const received = ev.received({ id: 'r', time: local('2026-03-01', '09:00'), dossier: D, channel: 'online', dueAt: DUE });

    it('counts only in the denominator of onlineResolvedRate until the received event arrives; then the numerator corrects', () => {
      const store = new ProjectedStore();
      store.ingest([resolved]);
      expect(store.indicators(MARCH).onlineResolvedRate).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
      expect(store.indicators(MARCH).onTimeRate).toMatchObject({ numerator: 1, denominator: 1 });
      const fx = store.ingest([received]);
      expect(counterSnapshot(fx.deltas)['AG2|2026-03-05']).toEqual({ resolved_online: 1 });
      expect(store.indicators(MARCH).onlineResolvedRate).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
      expect(store.indicators({ from: '2026-03-05', to: '2026-03-05' }).onlineResolvedRate).toMatchObject({ numerator: 1, denominator: 1 });
      expect(store.indicators({ from: '2026-03-01', to: '2026-03-04' }).onlineResolvedRate).toMatchObject({ numerator: 0, denominator: 0, value: null });
    });

    it('a received in person leaves the numerator at 0', () => {
      const store = new ProjectedStore();
      store.ingest([resolved]);
      store.ingest([ev.received({ id: 'r', time: local('2026-03-01', '09:00'), dossier: D, channel: 'in_person', dueAt: DUE })]);
      expect(store.indicators(MARCH).onlineResolvedRate).toMatchObject({ numerator: 0, denominator: 1 });
    });
  });

  it('nationalSyncRate: the numerator appears in the received bucket when synced arrives, days later', () => {
    const store = new ProjectedStore();
    store.ingest([ev.received({ id: 'r', time: local('2026-03-01', '23:59', 'Z'), dossier: D, dueAt: DUE })]);
    expect(store.indicators({ from: '2026-03-01', to: '2026-03-01' }).nationalSyncRate).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    const fx = store.ingest([ev.synced({ id: 'y', time: local('2026-03-09', '10:00'), dossier: D, agency: 'AG9' })]);
    expect(counterSnapshot(fx.deltas)).toEqual({ 'AG1|2026-03-01': { received_synced: 1 } });
    expect(store.indicators({ from: '2026-03-01', to: '2026-03-01' }).nationalSyncRate).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    expect(store.indicators({ from: '2026-03-09', to: '2026-03-09' }).nationalSyncRate).toMatchObject({ numerator: 0, denominator: 0, value: null });
    // a second synced event changes the winner but not the counts
    const fx2 = store.ingest([ev.synced({ id: 'y2', time: local('2026-03-10', '10:00'), dossier: D })]);
    expect(fx2.dossiers.size).toBe(1);
    expect(fx2.deltas.rowsSorted()).toEqual([]);
  });

  it('synced before received: counted as soon as received arrives', () => {
    const store = projectAll([
      ev.synced({ id: 'y', time: local('2026-02-20', '10:00'), dossier: D }),
      ev.received({ id: 'r', time: local('2026-03-01', '10:00'), dossier: D, dueAt: DUE }),
    ]);
    expect(store.indicators(MARCH).nationalSyncRate).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('occurrences count once each in their own bucket; paused and resumed add no counter', () => {
    const t = (day: string, clock: string, o: '+07:00' | 'Z' | '-05:00' = '+07:00') => local(day, clock, o);
    const store = projectAll([
      ev.transferred({ id: 't1', time: t('2026-03-01', '23:59', '-05:00'), dossier: D, method: 'electronic' }),
      ev.transferred({ id: 't2', time: t('2026-03-02', '00:00', 'Z'), dossier: D, method: 'paper' }),
      ev.transferred({ id: 't3', time: t('2026-03-02', '00:00', 'Z'), dossier: D, method: 'electronic' }),
      ev.paymentMade({ id: 'p1', time: t('2026-03-01', '10:00'), dossier: 'D2', method: 'online', agency: 'AG2' }),
      ev.paymentMade({ id: 'p2', time: t('2026-03-01', '11:00'), dossier: 'D2', method: 'offline', agency: 'AG2' }),
      ev.workfile({ id: 'w1', time: t('2026-03-03', '10:00'), electronic: true }),
      ev.workfile({ id: 'w2', time: t('2026-03-03', '10:00'), electronic: false }),
      ev.paused({ id: 'z1', time: t('2026-03-03', '10:00'), dossier: D }),
      ev.resumed({ id: 'z2', time: t('2026-03-04', '10:00'), dossier: D, dueAt: DUE }),
    ]);
    expect(store.snapshot()).toEqual({
      'AG1|2026-03-01': { transfers: 1, transfers_electronic: 1 },
      'AG1|2026-03-02': { transfers: 2, transfers_electronic: 1 },
      'AG1|2026-03-03': { workfiles: 2, workfiles_electronic: 1 },
      'AG2|2026-03-01': { payments: 2, payments_online: 1 },
    });
    // the resumption is kept as state (a deadline) even without a received fact
    expect(store.dossiers.get(D)?.resumed?.id).toBe('z2');
  });

  it('the same occurrence projected in two batches without de-duplication counts twice (so the store must de-duplicate)', () => {
    const t = ev.transferred({ id: 't1', time: local('2026-03-01', '10:00'), dossier: D, method: 'electronic' });
    const a = projectBatch([t], EMPTY);
    const b = projectBatch([t], EMPTY);
    expect(counterSnapshot(a.deltas)).toEqual(counterSnapshot(b.deltas));
    const store = new ProjectedStore();
    store.ingest([t, t]);
    store.ingest([t]);
    expect(store.snapshot()).toEqual({ 'AG1|2026-03-01': { transfers: 1, transfers_electronic: 1 } });
  });

  it('a fact event already in the stored state changes nothing even without de-duplication', () => {
    const r = ev.received({ id: 'r', time: local('2026-03-01', '10:00'), dossier: D, dueAt: DUE });
    const first = projectBatch([r], EMPTY);
    const again = projectBatch([r, r], { ...EMPTY, dossiers: first.dossiers });
    expect(again.dossiers.size).toBe(0);
    expect(again.deltas.rowsSorted()).toEqual([]);
  });

  it('returns only the dossiers whose state changed, and nets several events of one dossier in a batch', () => {
    const r = ev.received({ id: 'r', time: local('2026-03-01', '10:00'), dossier: D, dueAt: local('2026-03-01', '17:00') });
    const store = new ProjectedStore();
    store.ingest([r]);
    const fx = store.ingest([
      ev.transferred({ id: 't', time: local('2026-03-02', '10:00'), dossier: 'D9', method: 'paper' }),
      ev.resolved({ id: 's', time: local('2026-03-03', '10:00'), dossier: D, dueAt: local('2026-03-01', '17:00') }),
      ev.withdrawn({ id: 'w', time: local('2026-03-02', '10:00'), dossier: D }),
    ]);
    expect([...fx.dossiers.keys()]).toEqual([D]);
    expect(counterSnapshot(fx.deltas)).toEqual({
      'AG1|2026-03-02': { transfers: 1, withdrawn: 1, closed: 1, overdue_from: -1 }, // closed on the first overdue day: never overdue
      'AG1|2026-03-03': { resolved: 1, resolved_online: 1, resolved_late: 1 },
    });
  });

  it('agency and procedure upserts: latest time wins (ties: greater id); no counters', () => {
    const store = new ProjectedStore();
    const fx = store.ingest([
      ev.agency({ id: 'a2', time: local('2026-01-02', '00:00'), code: 'X', level: 'district', parent: 'P' }),
      ev.agency({ id: 'a1', time: local('2026-01-03', '00:00', '-05:00'), code: 'X', level: 'commune', parent: null }),
      ev.procedure({ id: 'p1', time: local('2026-01-02', '00:00'), code: 'PR', onlineLevel: 'full' }),
      ev.procedure({ id: 'p2', time: local('2026-01-02', '00:00', 'Z'), code: 'PR', onlineLevel: 'partial' }),
    ]);
    expect(fx.deltas.size).toBe(0);
    expect(store.agencies.get('X')).toMatchObject({ level: 'commune', parentCode: null, id: 'a1' });
    expect(store.procedures.get('PR')).toMatchObject({ onlineLevel: 'partial', id: 'p2' });
    const later = store.ingest([ev.agency({ id: 'zz', time: local('2026-01-01', '00:00'), code: 'X', level: 'province', parent: null })]);
    expect(later.agencies.size).toBe(0);
    expect(store.agencies.get('X')?.id).toBe('a1');
  });

  it('stateKeys lists the subjects whose stored state a batch needs', () => {
    const keys = stateKeys([
      ev.received({ id: 'r', time: local('2026-03-01', '10:00'), dossier: 'D1', dueAt: DUE }),
      ev.resumed({ id: 'u', time: local('2026-03-01', '10:00'), dossier: 'D2', dueAt: DUE }),
      ev.rated({ id: 'x', time: local('2026-03-01', '10:00'), dossier: 'D1', rating: 'satisfied' }),
      ev.transferred({ id: 't', time: local('2026-03-01', '10:00'), dossier: 'D3', method: 'paper' }),
      ev.paymentMade({ id: 'p', time: local('2026-03-01', '10:00'), dossier: 'D4', method: 'online' }),
      ev.paused({ id: 'z', time: local('2026-03-01', '10:00'), dossier: 'D5' }),
      ev.workfile({ id: 'w', time: local('2026-03-01', '10:00'), electronic: true }),
      ev.agency({ id: 'a', time: local('2026-03-01', '10:00'), code: 'AG', level: 'province', parent: null }),
      ev.procedure({ id: 'pp', time: local('2026-03-01', '10:00'), code: 'PR' }),
    ]);
    expect(keys.dossiers.sort()).toEqual(['D1', 'D2']);
    expect(keys.agencies).toEqual(['AG']);
    expect(keys.procedures).toEqual(['PR']);
  });

  it('an event days late lands in the bucket of its own time', () => {
    const store = new ProjectedStore();
    store.ingest([ev.rated({ id: 'x', time: local('2026-03-20', '10:00'), dossier: 'D2', rating: 'satisfied' })]);
    store.ingest([ev.rated({ id: 'y', time: local('2026-03-01', '00:00', '-05:00'), dossier: 'D3', rating: 'unsatisfied' })]);
    expect(store.snapshot()).toEqual({
      'AG1|2026-03-01': { ratings: 1 },
      'AG1|2026-03-20': { ratings: 1, ratings_satisfied: 1 },
    });
  });
});
