import { CounterDeltas } from './counters';
import { addOccurrenceContribution } from './occurrence-contribution';
import { ev, local } from './testing/events';
import { counterSnapshot } from './testing/query';

const snap = (e: Parameters<typeof addOccurrenceContribution>[0]) => {
  const d = new CounterDeltas();
  addOccurrenceContribution(e, d);
  return counterSnapshot(d);
};
const T = local('2026-03-01', '23:59', '-05:00');

describe('addOccurrenceContribution', () => {
  it.each([
    ['electronic transfer', ev.transferred({ id: 'a', time: T, dossier: 'D', agency: 'X', method: 'electronic', from: 'Y', to: 'Z' }), { transfers: 1, transfers_electronic: 1 }],
    ['paper transfer', ev.transferred({ id: 'a', time: T, dossier: 'D', agency: 'X', method: 'paper' }), { transfers: 1 }],
    ['online payment', ev.paymentMade({ id: 'a', time: T, dossier: 'D', agency: 'X', method: 'online', amount: 0 }), { payments: 1, payments_online: 1 }],
    ['offline payment', ev.paymentMade({ id: 'a', time: T, dossier: 'D', agency: 'X', method: 'offline' }), { payments: 1 }],
    ['electronic work file', ev.workfile({ id: 'a', time: T, agency: 'X', electronic: true }), { workfiles: 1, workfiles_electronic: 1 }],
    ['paper work file', ev.workfile({ id: 'a', time: T, agency: 'X', electronic: false }), { workfiles: 1 }],
  ])('%s counts once on the local day of its time, for data.agencyCode', (_n, e, expected) => {
    expect(snap(e)).toEqual({ 'X|2026-03-01': expected });
  });

  it('the transfer counts for data.agencyCode, not for fromAgencyCode / toAgencyCode', () => {
    expect(Object.keys(snap(ev.transferred({ id: 'a', time: T, dossier: 'D', agency: 'X', method: 'paper', from: 'Y', to: 'Z' })))).toEqual(['X|2026-03-01']);
  });

  it('facts, paused, resumed and reference data add nothing here', () => {
    for (const e of [
      ev.paused({ id: 'a', time: T, dossier: 'D' }),
      ev.resumed({ id: 'a', time: T, dossier: 'D', dueAt: T }),
      ev.received({ id: 'a', time: T, dossier: 'D', dueAt: T }),
      ev.resolved({ id: 'a', time: T, dossier: 'D', dueAt: T }),
      ev.rated({ id: 'a', time: T, dossier: 'D', rating: 'satisfied' }),
      ev.agency({ id: 'a', time: T, code: 'X', level: 'province', parent: null }),
      ev.procedure({ id: 'a', time: T, code: 'PR' }),
    ]) {
      expect(snap(e)).toEqual({});
    }
  });
});
