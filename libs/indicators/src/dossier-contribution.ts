/**
 * What one dossier, as its facts stand, adds to the counters. A fact correction is then exact by
 * construction: the projector subtracts the old state's contribution and adds the new one's.
 */
import { CounterDeltas } from './counters';
import { DossierState, ResolvedFact, latestDueAt } from './dossier-state';
import { addDays, localDayOf, localDayOfUtc, maxDay, minDay } from './local-day';

export type Timeliness = 'early' | 'onTime' | 'late';

/** Early, on time or late: the local dates of the resolution and of its `dueAt` compared (SPEC §2). */
export function timelinessOf(resolved: ResolvedFact): Timeliness {
  const day = localDayOfUtc(resolved.at);
  const due = localDayOf(resolved.dueAt);
  return day < due ? 'early' : day === due ? 'onTime' : 'late';
}

const TIMELINESS_COUNTER = { early: 'resolved_early', onTime: 'resolved_on_time', late: 'resolved_late' } as const;

/**
 * The local day a received dossier stops being open: its first close (resolution or withdrawal); a close
 * dated before the receipt closes on the receipt day. Undefined while open or when never received.
 */
export function closeDayOf(state: DossierState): string | undefined {
  if (!state.received) return undefined;
  const closes = [state.resolved, state.withdrawn].filter((f) => f !== undefined).map((f) => localDayOfUtc(f.at));
  return closes.length > 0 ? maxDay(closes.reduce(minDay), localDayOfUtc(state.received.at)) : undefined;
}

export function addDossierContribution(state: DossierState, deltas: CounterDeltas, sign: 1 | -1 = 1): void {
  const { received: r, resolved: s, withdrawn: w, rated } = state;

  if (r) {
    const day = localDayOfUtc(r.at);
    deltas.add(r.agency, day, 'received', sign);
    if (r.channel === 'online') {
      deltas.add(r.agency, day, 'received_online', sign);
      if (r.identityVerified) deltas.add(r.agency, day, 'received_online_verified', sign);
    } else {
      deltas.add(r.agency, day, r.channel === 'in_person' ? 'received_in_person' : 'received_postal', sign);
    }
    if (state.synced) deltas.add(r.agency, day, 'received_synced', sign);
    addStock(state, day, deltas, sign);
  }

  if (s) {
    const day = localDayOfUtc(s.at);
    deltas.add(s.agency, day, 'resolved', sign);
    deltas.add(s.agency, day, TIMELINESS_COUNTER[timelinessOf(s)], sign);
    if (r?.channel === 'online') deltas.add(s.agency, day, 'resolved_online', sign);
  }

  if (w) deltas.add(w.agency, localDayOfUtc(w.at), 'withdrawn', sign);

  if (rated) {
    const day = localDayOfUtc(rated.at);
    deltas.add(rated.agency, day, 'ratings', sign);
    if (rated.rating !== 'unsatisfied') deltas.add(rated.agency, day, 'ratings_satisfied', sign);
  }
}

/**
 * Open and overdue intervals of a received dossier, as day deltas on the received agency:
 * open on day t ⇔ receivedDay ≤ t < closeDay; overdue on t ⇔ open and date(latest dueAt) < t.
 * A close dated before the receipt is taken as closing on the receipt day.
 */
function addStock(state: DossierState, receivedDay: string, deltas: CounterDeltas, sign: 1 | -1): void {
  const agency = state.received!.agency;
  const closeDay = closeDayOf(state);
  deltas.add(agency, receivedDay, 'opened', sign);
  if (closeDay) deltas.add(agency, closeDay, 'closed', sign);

  const overdueFrom = maxDay(receivedDay, addDays(localDayOf(latestDueAt(state)!), 1));
  if (closeDay === undefined) deltas.add(agency, overdueFrom, 'overdue_from', sign);
  else if (overdueFrom < closeDay) {
    deltas.add(agency, overdueFrom, 'overdue_from', sign);
    deltas.add(agency, closeDay, 'overdue_to', sign);
  }
}
