import { COUNTERS, CounterTotals } from './counters';
import { reportRow } from './report';
import { ev, local } from './testing/events';
import { ProjectedStore, projectAll, subtreeScope } from './testing/query';

describe('reportRow', () => {
  it('maps every range counter and stock sum to its column', () => {
    const totals = Object.fromEntries(COUNTERS.map((c, i) => [c, 100 + i])) as CounterTotals;
    const row = reportRow(totals, { openBeforeFrom: 7, openAtTo: 11, overdueAtTo: 4 }, 3);
    expect(row).toEqual({
      received: { online: totals.received_online, inPerson: totals.received_in_person, postal: totals.received_postal },
      carriedOver: 7,
      resolved: { early: totals.resolved_early, onTime: totals.resolved_on_time, late: totals.resolved_late },
      withdrawn: totals.withdrawn,
      inProgress: { withinDeadline: 11 - 4, overdue: 4 },
      overdueNow: 3,
    });
  });
});

/*
 * A hand-computed scenario (local dates, Asia/Ho_Chi_Minh). Tree: P (province) → AG1 (district), AG2 (commune).
 *   A  AG1  received 03-01 online,    due 03-05; resolved 03-07 with dueAt 03-05 (late)
 *   B  AG1  received 03-02 in person, due 03-10; withdrawn 03-04
 *   C  AG1  received 03-03 postal,    due 03-04; open
 *   E  AG1  received 03-05 23:59 online, due 03-05; resumed 03-06 with dueAt 03-20; open
 *   F  AG1  resolved 03-02 (dueAt 03-02, on time); never received
 *   G  AG2  received 03-06 in person, due 03-08; resolved 03-04 (dueAt 03-04, on time), before its receipt
 */
function scenario(): ProjectedStore {
  return projectAll([
    ev.agency({ id: 'ap', time: local('2026-01-01', '00:00'), code: 'P', level: 'province', parent: null }),
    ev.agency({ id: 'a1', time: local('2026-01-01', '00:00'), code: 'AG1', level: 'district', parent: 'P' }),
    ev.agency({ id: 'a2', time: local('2026-01-01', '00:00'), code: 'AG2', level: 'commune', parent: 'P' }),
    ev.received({ id: 'A-r', time: local('2026-03-01', '00:00', 'Z'), dossier: 'A', channel: 'online', dueAt: local('2026-03-05', '17:00') }),
    ev.resolved({ id: 'A-s', time: local('2026-03-07', '08:00', '-05:00'), dossier: 'A', dueAt: local('2026-03-05', '23:59', '-05:00') }),
    ev.received({ id: 'B-r', time: local('2026-03-02', '23:59', 'Z'), dossier: 'B', channel: 'in_person', dueAt: local('2026-03-10', '17:00') }),
    ev.withdrawn({ id: 'B-w', time: local('2026-03-04', '00:00', '-05:00'), dossier: 'B' }),
    ev.received({ id: 'C-r', time: local('2026-03-03', '10:00'), dossier: 'C', channel: 'postal', dueAt: local('2026-03-04', '23:59', 'Z') }),
    ev.received({ id: 'E-r', time: local('2026-03-05', '23:59', '-05:00'), dossier: 'E', channel: 'online', dueAt: local('2026-03-05', '23:59') }),
    ev.resumed({ id: 'E-u', time: local('2026-03-06', '09:00'), dossier: 'E', dueAt: local('2026-03-20', '17:00', 'Z') }),
    ev.paused({ id: 'E-p', time: local('2026-03-05', '23:59:59'), dossier: 'E' }),
    ev.resolved({ id: 'F-s', time: local('2026-03-02', '10:00'), dossier: 'F', dueAt: local('2026-03-02', '00:00', 'Z') }),
    ev.received({ id: 'G-r', time: local('2026-03-06', '10:00'), dossier: 'G', agency: 'AG2', channel: 'in_person', dueAt: local('2026-03-08', '17:00') }),
    ev.resolved({ id: 'G-s', time: local('2026-03-04', '10:00'), dossier: 'G', agency: 'AG2', dueAt: local('2026-03-04', '12:00', '-05:00') }),
  ]);
}

const row = (online: number, inPerson: number, postal: number, carriedOver: number, early: number, onTime: number, late: number, withdrawn: number, within: number, overdue: number) => ({
  received: { online, inPerson, postal },
  carriedOver,
  resolved: { early, onTime, late },
  withdrawn,
  inProgress: { withinDeadline: within, overdue },
  overdueNow: 0,
});

describe('resolution report from projected counters (hand-computed scenario)', () => {
  const store = scenario();

  it.each([
    // from,         to,            online inP post carried early onT late wdr within overdue
    ['2026-02-01', '2026-02-28', row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)],
    ['2026-03-01', '2026-03-01', row(1, 0, 0, 0, 0, 0, 0, 0, 1, 0)],
    ['2026-03-02', '2026-03-05', row(1, 1, 1, 1, 0, 2, 0, 1, 2, 1)],
    ['2026-03-04', '2026-03-06', row(1, 1, 0, 3, 0, 1, 0, 1, 1, 2)],
    ['2026-03-06', '2026-03-06', row(0, 1, 0, 3, 0, 0, 0, 0, 1, 2)],
    ['2026-03-07', '2026-03-31', row(0, 0, 0, 3, 0, 0, 1, 0, 0, 2)],
    ['2026-03-01', '2026-03-31', row(2, 2, 1, 0, 0, 2, 1, 1, 0, 2)],
    ['2026-04-01', '2026-04-30', row(0, 0, 0, 2, 0, 0, 0, 0, 0, 2)],
  ])('[%s, %s]', (from, to, expected) => {
    expect(store.report({ from, to }, subtreeScope('P', store.agencies))).toEqual(expected);
  });

  it('a child agency row covers only its own subtree', () => {
    expect(store.report({ from: '2026-03-04', to: '2026-03-06' }, subtreeScope('AG1', store.agencies))).toEqual(row(1, 0, 0, 3, 0, 0, 0, 1, 1, 2));
    expect(store.report({ from: '2026-03-04', to: '2026-03-06' }, subtreeScope('AG2', store.agencies))).toEqual(row(0, 1, 0, 0, 0, 1, 0, 0, 0, 0));
  });

  it('overdue at `to` is strict: due date equal to `to` is within the deadline', () => {
    // C is due 03-04 (local): within on 03-04, overdue from 03-05
    const c = projectAll([ev.received({ id: 'C-r', time: local('2026-03-03', '10:00'), dossier: 'C', dueAt: local('2026-03-04', '23:59', 'Z') })]);
    expect(c.report({ from: '2026-03-04', to: '2026-03-04' }).inProgress).toEqual({ withinDeadline: 1, overdue: 0 });
    expect(c.report({ from: '2026-03-05', to: '2026-03-05' }).inProgress).toEqual({ withinDeadline: 0, overdue: 1 });
    // 00:00 local on 03-05 written in -05:00 is 03-04 12:00 there, but locally it is 03-05
    const d = projectAll([ev.received({ id: 'C-r', time: local('2026-03-03', '10:00'), dossier: 'C', dueAt: local('2026-03-05', '00:00', '-05:00') })]);
    expect(d.report({ from: '2026-03-05', to: '2026-03-05' }).inProgress).toEqual({ withinDeadline: 1, overdue: 0 });
  });

  it('a dossier received and resolved on the same day is never carried over or in progress', () => {
    const s = projectAll([
      ev.received({ id: 'r', time: local('2026-03-03', '08:00'), dossier: 'X', dueAt: local('2026-03-01', '08:00') }),
      ev.resolved({ id: 's', time: local('2026-03-03', '23:59', 'Z'), dossier: 'X', dueAt: local('2026-03-01', '08:00') }),
    ]);
    for (const [from, to] of [['2026-03-03', '2026-03-03'], ['2026-03-04', '2026-03-04'], ['2026-03-01', '2026-03-03']]) {
      const r = s.report({ from, to });
      expect(r.carriedOver).toBe(0);
      expect(r.inProgress).toEqual({ withinDeadline: 0, overdue: 0 });
    }
    expect(s.report({ from: '2026-03-03', to: '2026-03-03' }).resolved).toEqual({ early: 0, onTime: 0, late: 1 });
  });

  it('the latest dueAt is that of the latest-in-time event, even a resumption timed after `to` (SPEC §2, read literally)', () => {
    const s = projectAll([
      ev.received({ id: 'r', time: local('2026-03-01', '08:00'), dossier: 'X', dueAt: local('2026-03-02', '08:00') }),
      ev.resumed({ id: 'u', time: local('2026-03-09', '08:00'), dossier: 'X', dueAt: local('2026-03-30', '08:00') }),
    ]);
    expect(s.report({ from: '2026-03-05', to: '2026-03-05' }).inProgress).toEqual({ withinDeadline: 1, overdue: 0 });
    expect(s.report({ from: '2026-03-31', to: '2026-03-31' }).inProgress).toEqual({ withinDeadline: 0, overdue: 1 });
  });

  it('overdueNow is passed through', () => {
    expect(store.report({ from: '2026-03-01', to: '2026-03-01' }, undefined, 5).overdueNow).toBe(5);
  });
});

describe('far-future deadlines (valid RFC 3339 dueAt in year 9999)', () => {
  // SPEC §1 accepts any RFC 3339 dueAt; SPEC §2 compares local calendar dates.
  it('an open dossier due on local date 9999-12-31 is within its deadline, not overdue', () => {
    const s = projectAll([ev.received({ id: 'r', time: local('2026-03-01', '10:00'), dossier: 'X', dueAt: '9999-12-31T12:00:00+07:00' })]);
    expect(s.report({ from: '2026-03-01', to: '2026-03-05' }).inProgress).toEqual({ withinDeadline: 1, overdue: 0 });
  });

  it('a dossier resolved in 2026 with dueAt 9999-12-31T20:00:00Z (local date 10000-01-01) is early, not late', () => {
    const s = projectAll([ev.resolved({ id: 's', time: local('2026-03-05', '10:00'), dossier: 'Y', dueAt: '9999-12-31T20:00:00Z' })]);
    expect(s.report({ from: '2026-03-01', to: '2026-03-31' }).resolved).toEqual({ early: 1, onTime: 0, late: 0 });
    expect(s.indicators({ from: '2026-03-01', to: '2026-03-31' }).onTimeRate).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('a dossier resolved in 2026 with dueAt on local date 9999-12-31 is early', () => {
    const s = projectAll([ev.resolved({ id: 's', time: local('2026-03-05', '10:00'), dossier: 'Y', dueAt: '9999-12-31T12:00:00Z' })]);
    expect(s.report({ from: '2026-03-01', to: '2026-03-31' }).resolved).toEqual({ early: 1, onTime: 0, late: 0 });
  });
});
