/**
 * The drill-down selects dossiers by their typed columns. Property: for any dossier, selecting by the
 * columns the way the query API does (a fact's agency and local day, its flags; open on day t ⇔ received on
 * or before t and closed after t; overdue ⇔ open and date(latest dueAt) < t) gives exactly the counters.
 */
import type { RecordedEvent } from '@app/contract';
import fc from 'fast-check';
import { CounterDeltas, Counter } from './counters';
import { addDossierContribution } from './dossier-contribution';
import { DossierColumns, dossierColumns } from './dossier-columns';
import { DossierEvent, DossierState, EMPTY_DOSSIER, evolveDossier } from './dossier-state';
import { localDayOf, localDayOfUtc } from './local-day';
import { Offset, ev, local } from './testing/events';

const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'];
const CHECK_DAYS = ['2026-02-28', ...DAYS, '2026-03-05', '2026-03-06'];
const CLOCKS = ['00:00', '06:59:59.999999', '07:00', '23:59:59.999999'];
const OFFSETS: Offset[] = ['+07:00', 'Z', '-05:00'];
const D = 'D1';

const timeArb = fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...CLOCKS), fc.constantFrom(...OFFSETS)).map(([d, c, o]) => local(d, c, o));
const dueArb = fc.tuple(fc.constantFrom('2026-02-28', ...DAYS, '2026-03-05'), fc.constantFrom(...CLOCKS), fc.constantFrom(...OFFSETS)).map(([d, c, o]) => local(d, c, o));
const envelope = { id: fc.constantFrom('a', 'b', 'c'), time: timeArb, agency: fc.constantFrom('A1', 'A2') };

const eventArb: fc.Arbitrary<RecordedEvent> = fc.oneof(
  fc.record({ ...envelope, dueAt: dueArb, channel: fc.constantFrom('online', 'in_person', 'postal' as const), identityVerified: fc.boolean() })
    .map((e) => ev.received({ ...e, id: `r-${e.id}`, dossier: D })),
  fc.record({ ...envelope, dueAt: dueArb }).map((e) => ev.resolved({ ...e, id: `s-${e.id}`, dossier: D })),
  fc.record(envelope).map((e) => ev.withdrawn({ ...e, id: `w-${e.id}`, dossier: D })),
  fc.record({ ...envelope, rating: fc.constantFrom('very_satisfied', 'satisfied', 'unsatisfied' as const) }).map((e) => ev.rated({ ...e, id: `x-${e.id}`, dossier: D })),
  fc.record(envelope).map((e) => ev.synced({ ...e, id: `y-${e.id}`, dossier: D })),
  fc.record({ ...envelope, dueAt: dueArb }).map((e) => ev.resumed({ ...e, id: `u-${e.id}`, dossier: D })),
);

const stateArb = fc.array(eventArb, { maxLength: 8 }).map((events) => events.reduce<DossierState>((s, e) => evolveDossier(s, e as DossierEvent), EMPTY_DOSSIER));

/** The per-(agency, day) counters a drill-down finds by selecting on the columns. */
function selectedByColumns(c: DossierColumns): CounterDeltas {
  const out = new CounterDeltas();
  const add = (agency: string | null, at: string | null, counter: Counter, when = true) => {
    if (agency !== null && at !== null && when) out.add(agency, localDayOfUtc(at), counter);
  };
  add(c.agencyCode, c.receivedAt, 'received');
  add(c.agencyCode, c.receivedAt, 'received_online', c.receivedChannel === 'online');
  add(c.agencyCode, c.receivedAt, 'received_in_person', c.receivedChannel === 'in_person');
  add(c.agencyCode, c.receivedAt, 'received_postal', c.receivedChannel === 'postal');
  add(c.agencyCode, c.receivedAt, 'received_online_verified', c.receivedChannel === 'online' && c.receivedIdentityVerified === true);
  add(c.agencyCode, c.receivedAt, 'received_synced', c.synced);
  add(c.resolvedAgency, c.resolvedAt, 'resolved');
  add(c.resolvedAgency, c.resolvedAt, 'resolved_online', c.receivedChannel === 'online');
  add(c.resolvedAgency, c.resolvedAt, 'resolved_early', c.resolvedTimeliness === 'early');
  add(c.resolvedAgency, c.resolvedAt, 'resolved_on_time', c.resolvedTimeliness === 'onTime');
  add(c.resolvedAgency, c.resolvedAt, 'resolved_late', c.resolvedTimeliness === 'late');
  add(c.withdrawnAgency, c.withdrawnAt, 'withdrawn');
  add(c.ratedAgency, c.ratedAt, 'ratings');
  add(c.ratedAgency, c.ratedAt, 'ratings_satisfied', c.rating !== null && c.rating !== 'unsatisfied');
  return out;
}

const FLOW_COUNTERS = new Set<Counter>(['opened', 'closed', 'overdue_from', 'overdue_to']);

describe('dossierColumns', () => {
  it('selecting by the columns finds exactly what the counters count, per agency and local day', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const counted = new CounterDeltas();
        addDossierContribution(state, counted);
        const selected = selectedByColumns(dossierColumns(state));
        for (const agency of ['A1', 'A2']) {
          for (const day of CHECK_DAYS) {
            const a = counted.totals((ag, d) => ag === agency && d === day);
            const b = selected.totals((ag, d) => ag === agency && d === day);
            for (const c of Object.keys(a) as Counter[]) if (!FLOW_COUNTERS.has(c)) expect([agency, day, c, b[c]]).toEqual([agency, day, c, a[c]]);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('open and overdue on each day (the report stock) follow from the received day, closed day and latest dueAt', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const counted = new CounterDeltas();
        addDossierContribution(state, counted);
        const c = dossierColumns(state);
        for (const t of CHECK_DAYS) {
          const upTo = counted.totals((_, d) => d <= t);
          const open = c.receivedAt !== null && localDayOfUtc(c.receivedAt) <= t && (c.closedDay === null || c.closedDay > t);
          const overdue = open && localDayOf(c.latestDueAt!) < t;
          expect([t, 'open', open ? 1 : 0]).toEqual([t, 'open', upTo.opened - upTo.closed]);
          expect([t, 'overdue', overdue ? 1 : 0]).toEqual([t, 'overdue', upTo.overdue_from - upTo.overdue_to]);
        }
        expect(c.isOpen).toBe(c.receivedAt !== null && c.closedDay === null);
      }),
      { numRuns: 3000 },
    );
  });

  it('a resolution dated before its receipt closes the dossier on the receipt day', () => {
    const s = [
      ev.received({ id: 'r', time: local('2026-03-03', '09:00'), dossier: D, agency: 'A1', dueAt: local('2026-03-05', '17:00') }),
      ev.resolved({ id: 's', time: local('2026-03-01', '09:00'), dossier: D, agency: 'A2', dueAt: local('2026-03-05', '17:00') }),
    ].reduce<DossierState>((st, e) => evolveDossier(st, e as DossierEvent), EMPTY_DOSSIER);
    expect(dossierColumns(s)).toMatchObject({ agencyCode: 'A1', closedDay: '2026-03-03', resolvedAgency: 'A2', resolvedTimeliness: 'early', isOpen: false });
  });
});
