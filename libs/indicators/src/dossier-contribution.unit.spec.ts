import type { RecordedEvent } from '@app/contract';
import { CounterDeltas } from './counters';
import { addDossierContribution } from './dossier-contribution';
import { DossierEvent, DossierState, EMPTY_DOSSIER, evolveDossier } from './dossier-state';
import { ev, local } from './testing/events';
import { counterSnapshot } from './testing/query';

const D = 'D1';
const state = (...events: RecordedEvent[]): DossierState => events.reduce((s, e) => evolveDossier(s, e as DossierEvent), EMPTY_DOSSIER);
const contribution = (s: DossierState, sign: 1 | -1 = 1) => {
  const deltas = new CounterDeltas();
  addDossierContribution(s, deltas, sign);
  return counterSnapshot(deltas);
};

const receivedOn = (day: string, opts: Partial<Parameters<typeof ev.received>[0]> = {}) =>
  ev.received({ id: 'r', time: local(day, '09:00'), dossier: D, agency: 'AG1', dueAt: local('2026-03-10', '17:00'), ...opts });

describe('addDossierContribution', () => {
  it('an empty dossier contributes nothing', () => {
    expect(contribution(EMPTY_DOSSIER)).toEqual({});
  });

  describe('received fact', () => {
    it('online, identity verified: received, online, verified on the received day, and an open interval', () => {
      expect(contribution(state(receivedOn('2026-03-01', { identityVerified: true })))).toEqual({
        'AG1|2026-03-01': { received: 1, received_online: 1, received_online_verified: 1, opened: 1 },
        'AG1|2026-03-11': { overdue_from: 1 },
      });
    });

    it('online, not verified: no verified count', () => {
      expect(contribution(state(receivedOn('2026-03-01', { identityVerified: false })))['AG1|2026-03-01']).toEqual({
        received: 1, received_online: 1, opened: 1,
      });
    });

    it('in person (verified or not): counted in person, never as verified online', () => {
      expect(contribution(state(receivedOn('2026-03-01', { channel: 'in_person', identityVerified: true })))['AG1|2026-03-01']).toEqual({
        received: 1, received_in_person: 1, opened: 1,
      });
    });

    it('postal', () => {
      expect(contribution(state(receivedOn('2026-03-01', { channel: 'postal' })))['AG1|2026-03-01']).toEqual({
        received: 1, received_postal: 1, opened: 1,
      });
    });

    it('bucketed by the local date of the received time (23:59 local in -05:00 → that day; 00:00 local in Z → the next)', () => {
      const late = ev.received({ id: 'r', time: local('2026-03-01', '23:59', '-05:00'), dossier: D, dueAt: local('2026-03-10', '17:00') });
      expect(contribution(state(late))['AG1|2026-03-01']).toMatchObject({ received: 1 });
      const midnight = ev.received({ id: 'r', time: local('2026-03-02', '00:00', 'Z'), dossier: D, dueAt: local('2026-03-10', '17:00') });
      expect(contribution(state(midnight))['AG1|2026-03-02']).toMatchObject({ received: 1 });
    });

    it('a synced fact adds received_synced in the received bucket; synced alone adds nothing', () => {
      const synced = ev.synced({ id: 's', time: local('2026-03-09', '09:00'), dossier: D, agency: 'AG9' });
      expect(contribution(state(synced))).toEqual({});
      expect(contribution(state(synced, receivedOn('2026-03-01')))['AG1|2026-03-01']).toMatchObject({ received: 1, received_synced: 1 });
      expect(contribution(state(synced, receivedOn('2026-03-01')))['AG9|2026-03-09']).toBeUndefined();
    });
  });

  describe('resolved fact', () => {
    const resolved = (time: string, dueAt: string, agency = 'AG2') => ev.resolved({ id: 's', time, dossier: D, agency, dueAt });

    it('without a received fact: counted as resolved (not online), no stock', () => {
      expect(contribution(state(resolved(local('2026-03-05', '10:00'), local('2026-03-05', '17:00'))))).toEqual({
        'AG2|2026-03-05': { resolved: 1, resolved_on_time: 1 },
      });
    });

    it('resolved_online only when the received channel is online', () => {
      const s = resolved(local('2026-03-05', '10:00'), local('2026-03-05', '17:00'));
      expect(contribution(state(receivedOn('2026-03-01'), s))['AG2|2026-03-05']).toEqual({ resolved: 1, resolved_online: 1, resolved_on_time: 1 });
      expect(contribution(state(receivedOn('2026-03-01', { channel: 'postal' }), s))['AG2|2026-03-05']).toEqual({ resolved: 1, resolved_on_time: 1 });
    });

    // resolved at 23:59 / 00:00 local against a deadline of 23:59 / 00:00 local, each written with several offsets
    it.each([
      ['23:59 local, due 00:00 local the same day (Z)', 'resolved_on_time', local('2026-03-05', '23:59', 'Z'), local('2026-03-05', '00:00', 'Z')],
      ['23:59 local (-05:00), due 00:00 local next day (+07:00)', 'resolved_early', local('2026-03-05', '23:59', '-05:00'), local('2026-03-06', '00:00')],
      ['00:00 local (Z), due 23:59 local the day before (-05:00)', 'resolved_late', local('2026-03-06', '00:00', 'Z'), local('2026-03-05', '23:59', '-05:00')],
      ['00:00 local (-05:00), due 23:59 local the same day (Z)', 'resolved_on_time', local('2026-03-06', '00:00', '-05:00'), local('2026-03-06', '23:59', 'Z')],
      ['a minute before the deadline but a day later locally', 'resolved_late', local('2026-03-06', '00:00', '+07:00'), local('2026-03-05', '23:59', '+07:00')],
      ['days early', 'resolved_early', local('2026-03-01', '12:00'), local('2026-03-09', '12:00', '-05:00')],
    ])('%s → %s', (_name, counter, time, dueAt) => {
      const snap = contribution(state(resolved(time, dueAt)));
      const rows = Object.values(snap);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toEqual({ resolved: 1, [counter]: 1 });
    });

    it('uses the resolved dueAt for early/on time/late, not the received one', () => {
      const s = state(receivedOn('2026-03-01', { dueAt: local('2026-03-01', '17:00') }), resolved(local('2026-03-05', '10:00'), local('2026-03-06', '10:00')));
      expect(contribution(s)['AG2|2026-03-05']).toMatchObject({ resolved: 1, resolved_early: 1 });
    });
  });

  it('withdrawn: counted on its own day and agency', () => {
    expect(contribution(state(ev.withdrawn({ id: 'w', time: local('2026-03-04', '00:00', '-05:00'), dossier: D, agency: 'AG3' })))).toEqual({
      'AG3|2026-03-04': { withdrawn: 1 },
    });
  });

  it.each([
    ['very_satisfied', { ratings: 1, ratings_satisfied: 1 }],
    ['satisfied', { ratings: 1, ratings_satisfied: 1 }],
    ['unsatisfied', { ratings: 1 }],
  ] as const)('rated %s', (rating, expected) => {
    expect(contribution(state(ev.rated({ id: 'x', time: local('2026-03-04', '10:00'), dossier: D, agency: 'AG4', rating })))).toEqual({ 'AG4|2026-03-04': expected });
  });

  it('result_returned adds no counter', () => {
    expect(contribution(state(ev.resultReturned({ id: 'x', time: local('2026-03-04', '10:00'), dossier: D })))).toEqual({});
  });

  describe('stock intervals (open / overdue) on the received agency', () => {
    const rcv = receivedOn('2026-03-01', { dueAt: local('2026-03-03', '17:00') });

    it('open, deadline passed: opened on the received day, overdue from the day after the due date', () => {
      expect(contribution(state(rcv))).toEqual({
        'AG1|2026-03-01': { received: 1, received_online: 1, received_online_verified: 1, opened: 1 },
        'AG1|2026-03-04': { overdue_from: 1 },
      });
    });

    it('resolved late: closed on the resolved day, overdue from due+1 to the resolved day', () => {
      const snap = contribution(state(rcv, ev.resolved({ id: 's', time: local('2026-03-06', '10:00'), dossier: D, agency: 'AG2', dueAt: local('2026-03-03', '17:00') })));
      expect(snap['AG1|2026-03-04']).toEqual({ overdue_from: 1 });
      expect(snap['AG1|2026-03-06']).toEqual({ closed: 1, overdue_to: 1 });
      expect(snap['AG2|2026-03-06']).toEqual({ resolved: 1, resolved_online: 1, resolved_late: 1 });
    });

    it('resolved on the day after the due date: closed that day, so overdue on no report date', () => {
      const snap = contribution(state(rcv, ev.resolved({ id: 's', time: local('2026-03-04', '10:00'), dossier: D, dueAt: local('2026-03-03', '17:00') })));
      expect(snap['AG1|2026-03-04']).toEqual({ resolved: 1, resolved_online: 1, resolved_late: 1, closed: 1 });
      expect(Object.values(snap).some((v) => v.overdue_from || v.overdue_to)).toBe(false);
    });

    it('withdrawn and resolved: closed on the earlier of the two', () => {
      const snap = contribution(state(
        rcv,
        ev.withdrawn({ id: 'w', time: local('2026-03-02', '10:00'), dossier: D }),
        ev.resolved({ id: 's', time: local('2026-03-07', '10:00'), dossier: D, dueAt: local('2026-03-03', '17:00') }),
      ));
      expect(snap['AG1|2026-03-02']).toEqual({ closed: 1, withdrawn: 1 });
      expect(Object.values(snap).some((v) => v.overdue_from || v.overdue_to)).toBe(false);
    });

    it('a close dated before the receipt closes on the receipt day', () => {
      const snap = contribution(state(rcv, ev.resolved({ id: 's', time: local('2026-02-25', '10:00'), dossier: D, dueAt: local('2026-02-20', '17:00') })));
      expect(snap['AG1|2026-03-01']).toMatchObject({ opened: 1, closed: 1 });
      expect(Object.values(snap).some((v) => v.overdue_from || v.overdue_to)).toBe(false);
    });

    it('a deadline before the receipt day: overdue from the receipt day', () => {
      const snap = contribution(state(receivedOn('2026-03-05', { dueAt: local('2026-03-01', '17:00') })));
      expect(snap['AG1|2026-03-05']).toMatchObject({ opened: 1, overdue_from: 1 });
    });

    it('the deadline in force is the latest-in-time of received / resumed / resolved', () => {
      const resumed = ev.resumed({ id: 'u', time: local('2026-03-02', '10:00'), dossier: D, agency: 'AG5', dueAt: local('2026-03-08', '17:00') });
      expect(contribution(state(rcv, resumed))['AG1|2026-03-09']).toEqual({ overdue_from: 1 });
      // resumption timed before the receipt: the received deadline holds
      const earlyResume = ev.resumed({ id: 'u', time: local('2026-02-28', '10:00'), dossier: D, dueAt: local('2026-03-08', '17:00') });
      expect(contribution(state(rcv, earlyResume))['AG1|2026-03-04']).toEqual({ overdue_from: 1 });
    });
  });

  it('sign −1 subtracts exactly what sign +1 adds', () => {
    const s = state(
      receivedOn('2026-03-01', { dueAt: local('2026-03-02', '17:00'), channel: 'online' }),
      ev.synced({ id: 'y', time: local('2026-03-01', '10:00'), dossier: D }),
      ev.resolved({ id: 's', time: local('2026-03-04', '10:00'), dossier: D, dueAt: local('2026-03-02', '17:00') }),
      ev.rated({ id: 'x', time: local('2026-03-05', '10:00'), dossier: D, rating: 'satisfied' }),
      ev.withdrawn({ id: 'w', time: local('2026-03-06', '10:00'), dossier: D }),
    );
    const deltas = new CounterDeltas();
    addDossierContribution(s, deltas, 1);
    const plus = counterSnapshot(deltas);
    expect(Object.keys(plus).length).toBeGreaterThan(0);
    addDossierContribution(s, deltas, -1);
    expect(counterSnapshot(deltas)).toEqual({});
    const minus = contribution(s, -1);
    for (const [k, v] of Object.entries(plus)) expect(minus[k]).toEqual(Object.fromEntries(Object.entries(v).map(([c, n]) => [c, -n!])));
  });
});
