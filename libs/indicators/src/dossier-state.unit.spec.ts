import type { RecordedEvent } from '@app/contract';
import { DossierEvent, DossierState, EMPTY_DOSSIER, affectsDossierState, evolveDossier, isOpen, latestDueAt } from './dossier-state';
import { isLaterThan } from './fact-order';
import { ev, local } from './testing/events';

const fold = (events: RecordedEvent[], from: DossierState = EMPTY_DOSSIER): DossierState =>
  events.reduce((s, e) => evolveDossier(s, e as DossierEvent), from);

const D = 'D1';
const due = local('2026-03-10', '17:00');

describe('isLaterThan (the fact winner rule)', () => {
  const f = (at: string, id: string, source = '/s') => ({ at, id, source });
  it('the later time wins, whatever the ids', () => {
    expect(isLaterThan(f('2026-03-01T02:00:00.000000Z', 'a'), f('2026-03-01T01:00:00.000000Z', 'z'))).toBe(true);
    expect(isLaterThan(f('2026-03-01T01:00:00.000000Z', 'z'), f('2026-03-01T02:00:00.000000Z', 'a'))).toBe(false);
  });
  it('a microsecond later is later', () => {
    expect(isLaterThan(f('2026-03-01T01:00:00.000001Z', 'a'), f('2026-03-01T01:00:00.000000Z', 'b'))).toBe(true);
  });
  it('on equal times the greater id wins', () => {
    expect(isLaterThan(f('2026-03-01T01:00:00.000000Z', 'b'), f('2026-03-01T01:00:00.000000Z', 'a'))).toBe(true);
    expect(isLaterThan(f('2026-03-01T01:00:00.000000Z', 'a'), f('2026-03-01T01:00:00.000000Z', 'b'))).toBe(false);
  });
  it('on equal times and ids the greater source wins; an identical event is not later than itself', () => {
    expect(isLaterThan(f('2026-03-01T01:00:00.000000Z', 'a', '/s2'), f('2026-03-01T01:00:00.000000Z', 'a', '/s1'))).toBe(true);
    expect(isLaterThan(f('2026-03-01T01:00:00.000000Z', 'a', '/s1'), f('2026-03-01T01:00:00.000000Z', 'a', '/s2'))).toBe(false);
    expect(isLaterThan(f('2026-03-01T01:00:00.000000Z', 'a'), f('2026-03-01T01:00:00.000000Z', 'a'))).toBe(false);
  });
  it('anything beats no fact', () => {
    expect(isLaterThan(f('2000-01-01T00:00:00.000000Z', 'a'), undefined)).toBe(true);
  });
});

describe('evolveDossier', () => {
  it('a first received sets the received fact with its agency, channel, verification and due date', () => {
    const s = fold([ev.received({ id: 'r1', time: local('2026-03-01', '09:00'), dossier: D, agency: 'AG7', channel: 'postal', identityVerified: false, dueAt: due })]);
    expect(s.received).toMatchObject({ agency: 'AG7', channel: 'postal', identityVerified: false, dueAt: due, id: 'r1', at: '2026-03-01T02:00:00.000000Z' });
  });

  it('a later received corrects the earlier one, in either arrival order', () => {
    const a = ev.received({ id: 'r1', time: local('2026-03-01', '09:00'), dossier: D, channel: 'online', dueAt: due });
    const b = ev.received({ id: 'r0', time: local('2026-03-01', '09:01', 'Z'), dossier: D, channel: 'in_person', dueAt: due });
    expect(fold([a, b]).received!.channel).toBe('in_person');
    expect(fold([b, a]).received!.channel).toBe('in_person');
  });

  it('an earlier fact arriving late changes nothing and returns the same state object', () => {
    const s = fold([ev.rated({ id: 'x1', time: local('2026-03-02', '10:00'), dossier: D, rating: 'unsatisfied' })]);
    const older = ev.rated({ id: 'x9', time: local('2026-03-02', '09:59', '-05:00'), dossier: D, rating: 'very_satisfied' });
    expect(evolveDossier(s, older as DossierEvent)).toBe(s);
  });

  it('the same event applied twice is a no-op', () => {
    const e = ev.synced({ id: 's1', time: local('2026-03-02', '10:00'), dossier: D });
    const s = fold([e]);
    expect(evolveDossier(s, e as DossierEvent)).toBe(s);
  });

  it('equal times (written with different offsets): the greater id wins', () => {
    const a = ev.rated({ id: 'b', time: local('2026-03-02', '10:00', '+07:00'), dossier: D, rating: 'satisfied' });
    const b = ev.rated({ id: 'a', time: local('2026-03-02', '10:00', '-05:00'), dossier: D, rating: 'unsatisfied' });
    expect(a.at).toBe(b.at);
    expect(fold([a, b]).rated!.rating).toBe('satisfied');
    expect(fold([b, a]).rated!.rating).toBe('satisfied');
  });

  it('occurrences (transferred, paused, payment_made) leave the state alone; resumed keeps the latest deadline', () => {
    const t = local('2026-03-02', '10:00');
    for (const e of [
      ev.transferred({ id: 't', time: t, dossier: D, method: 'paper' }),
      ev.paused({ id: 'p', time: t, dossier: D }),
      ev.paymentMade({ id: 'm', time: t, dossier: D, method: 'online' }),
    ]) {
      expect(evolveDossier(EMPTY_DOSSIER, e as DossierEvent)).toBe(EMPTY_DOSSIER);
      expect(affectsDossierState(e.type as DossierEvent['type'])).toBe(false);
    }
    const r1 = ev.resumed({ id: 'u1', time: local('2026-03-03', '10:00'), dossier: D, dueAt: local('2026-03-20', '17:00') });
    const r2 = ev.resumed({ id: 'u2', time: local('2026-03-04', '10:00'), dossier: D, dueAt: local('2026-03-15', '17:00') });
    expect(fold([r2, r1]).resumed!.dueAt).toBe(local('2026-03-15', '17:00'));
    expect(affectsDossierState('dossier.resumed')).toBe(true);
  });

  it('each fact type competes only with its own type', () => {
    const s = fold([
      ev.received({ id: 'z', time: local('2026-03-05', '10:00'), dossier: D, dueAt: due }),
      ev.resolved({ id: 'a', time: local('2026-03-01', '10:00'), dossier: D, dueAt: due }),
      ev.withdrawn({ id: 'a2', time: local('2026-03-01', '10:00'), dossier: D }),
      ev.resultReturned({ id: 'a3', time: local('2026-03-01', '10:00'), dossier: D, method: 'postal' }),
    ]);
    expect(s.received?.id).toBe('z');
    expect(s.resolved?.id).toBe('a');
    expect(s.withdrawn?.id).toBe('a2');
    expect(s.returned).toMatchObject({ id: 'a3', method: 'postal' });
  });
});

describe('latestDueAt: the dueAt of the latest-in-time of received, resumed and resolved', () => {
  const received = ev.received({ id: 'r', time: local('2026-03-01', '09:00'), dossier: D, dueAt: local('2026-03-10', '17:00') });
  const resumed = ev.resumed({ id: 'u', time: local('2026-03-03', '09:00'), dossier: D, dueAt: local('2026-03-12', '17:00') });
  const resolved = ev.resolved({ id: 's', time: local('2026-03-05', '09:00'), dossier: D, dueAt: local('2026-03-11', '17:00') });

  it('received only', () => expect(latestDueAt(fold([received]))).toBe(local('2026-03-10', '17:00')));
  it('a later resumption moves it', () => expect(latestDueAt(fold([resumed, received]))).toBe(local('2026-03-12', '17:00')));
  it('a later resolution moves it, even to an earlier deadline', () =>
    expect(latestDueAt(fold([resolved, resumed, received]))).toBe(local('2026-03-11', '17:00')));
  it('a resumption timed before the receipt does not', () => {
    const early = ev.resumed({ id: 'u0', time: local('2026-02-27', '09:00'), dossier: D, dueAt: local('2026-04-01', '17:00') });
    expect(latestDueAt(fold([early, received]))).toBe(local('2026-03-10', '17:00'));
  });
  it('none of them: undefined', () => expect(latestDueAt(EMPTY_DOSSIER)).toBeUndefined());
});

describe('isOpen', () => {
  const r = ev.received({ id: 'r', time: local('2026-03-01', '09:00'), dossier: D, dueAt: due });
  it('received and not closed', () => expect(isOpen(fold([r]))).toBe(true));
  it('not received', () => expect(isOpen(EMPTY_DOSSIER)).toBe(false));
  it('resolved', () => expect(isOpen(fold([r, ev.resolved({ id: 's', time: local('2026-03-02', '09:00'), dossier: D, dueAt: due })]))).toBe(false));
  it('withdrawn', () => expect(isOpen(fold([r, ev.withdrawn({ id: 'w', time: local('2026-03-02', '09:00'), dossier: D })]))).toBe(false));
});
