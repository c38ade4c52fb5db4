/**
 * The lifecycle of one dossier, planned in full when it is received: each event with its planned instant,
 * type, id suffix and data. History mode emits the events at their planned instants; live mode emits them
 * in the same order at the clock readings of later calls.
 */
import type { EventType } from '@app/contract';
import {
  HOUR_MS, addWorkingDays, deadlineOn, formatLocal, isWorkingDay, localDayStart, localMinuteOfDay, officeTimeOn,
} from './local-time';
import type { Prng } from './prng';
import type { ProvinceAgency, ProvinceProcedure } from './province';
import { SHARES } from './shares';

const MINUTE_MS = 60_000;

export type Channel = 'online' | 'in_person' | 'postal';

export interface PlannedEvent {
  at: number;
  type: EventType;
  /** Appended to the subject to form the event id: unique within the subject. */
  idSuffix: string;
  subject: string;
  data: Record<string, unknown>;
}

export interface Arrival {
  dossierId: string;
  procedure: ProvinceProcedure;
  agency: ProvinceAgency;
  channel: Channel;
  receivedAt: number;
}

export interface PlanContext {
  /** Agencies a dossier may be transferred to (departments). */
  departments: readonly ProvinceAgency[];
}

/** The deadline day: `days` working days after filing; same-day procedures filed after 15:00 or on a day off are due the next working day. */
export function firstDueDay(receivedAt: number, days: number): number {
  if (days > 0) return addWorkingDays(receivedAt, days);
  if (!isWorkingDay(receivedAt)) return addWorkingDays(receivedAt, 0);
  return localMinuteOfDay(receivedAt) < 15 * 60 ? localDayStart(receivedAt) : addWorkingDays(receivedAt, 1);
}

/** Plans every event of one dossier, sorted by planned instant (stable for equal instants). */
export function planDossier(prng: Prng, ctx: PlanContext, arrival: Arrival): PlannedEvent[] {
  const { dossierId, procedure, agency, channel, receivedAt: t0 } = arrival;
  const events: PlannedEvent[] = [];
  const add = (at: number, type: EventType, idSuffix: string, data: Record<string, unknown>) =>
    events.push({ at: Math.round(at), type, idSuffix, subject: dossierId, data: { agencyCode: agency.code, ...data } });

  const dueDay0 = firstDueDay(t0, procedure.processingDays);
  const received = receivedData(prng, procedure, channel, formatLocal(deadlineOn(dueDay0)));
  add(t0, 'dossier.received', 'received', received);

  if (prng.chance(SHARES.synced)) add(t0 + prng.between(2, 60) * MINUTE_MS, 'dossier.synced', 'synced', { target: 'national_portal' });

  if (procedure.feeRequired) {
    const offered = procedure.onlinePayment ? SHARES.onlinePayment[channel === 'online' ? 'online' : 'offline'] : 0;
    const quantity = prng.chance(0.15) ? prng.int(2, 3) : 1;
    add(t0 + prng.between(1, 30) * MINUTE_MS, 'dossier.payment_made', 'payment', {
      amount: procedure.fee * quantity,
      method: prng.chance(offered) ? 'online' : 'offline',
    });
  }

  // A request for supplements (or another pause) stops the clock; the deadline moves by the days paused.
  let dueDay = dueDay0;
  let earliestEnd = t0 + prng.between(20, 90) * MINUTE_MS;
  const withdrawn = prng.chance(SHARES.withdrawn);
  const paused = withdrawn ? prng.chance(SHARES.pausedBeforeWithdrawal) : prng.chance(SHARES.pause);
  if (paused) {
    const pausedAt = t0 + prng.between(1, Math.max(2, (deadlineOn(dueDay0) - t0) / HOUR_MS / 2)) * HOUR_MS;
    add(pausedAt, 'dossier.paused', 'pause-1', { reason: prng.chance(SHARES.supplementReason) ? 'supplement_requested' : 'other' });
    const pauseDays = prng.int(1, 5);
    earliestEnd = officeTimeOn(prng, addWorkingDays(pausedAt, pauseDays));
    if (earliestEnd <= pausedAt) earliestEnd = pausedAt + prng.between(1, 4) * HOUR_MS;
    if (!withdrawn) {
      dueDay = addWorkingDays(dueDay0, pauseDays);
      add(earliestEnd, 'dossier.resumed', 'resume-1', { dueAt: formatLocal(deadlineOn(dueDay)) });
      earliestEnd += prng.between(30, 240) * MINUTE_MS;
    }
  }

  if (withdrawn) {
    const at = paused ? earliestEnd : t0 + prng.between(1, Math.max(2, (deadlineOn(dueDay) - t0) / HOUR_MS)) * HOUR_MS;
    add(at, 'dossier.withdrawn', 'withdrawn', {});
    return sortByTime(events);
  }

  const resolvedAt = resolutionTime(prng, earliestEnd, dueDay);
  planTransfers(prng, ctx, agency, t0, resolvedAt, add);
  const outcome = prng.chance(SHARES.approved) ? 'approved' : 'rejected';
  const dueAt = formatLocal(deadlineOn(dueDay));
  add(resolvedAt, 'dossier.resolved', 'resolved', { outcome, dueAt });

  if (prng.chance(SHARES.correction.received)) {
    // The filing desk corrects the record: who applied, or whether the identity was verified.
    const fixed = prng.chance(0.5)
      ? { ...received, identityVerified: !received.identityVerified }
      : { ...received, applicantType: received.applicantType === 'citizen' ? 'business' : 'citizen' };
    add(t0 + prng.between(1, 24) * HOUR_MS, 'dossier.received', 'received-2', fixed);
  }
  if (prng.chance(SHARES.correction.resolved)) {
    add(resolvedAt + prng.between(1, 48) * HOUR_MS, 'dossier.resolved', 'resolved-2', { outcome: outcome === 'approved' ? 'rejected' : 'approved', dueAt });
  }

  if (prng.chance(SHARES.resultReturned)) {
    const returnedAt = resolvedAt + prng.between(10, 2 * 24 * 60) * MINUTE_MS;
    const method = returnMethod(prng, channel, received.onlineLevel as string | undefined);
    add(returnedAt, 'dossier.result_returned', 'returned', { method });
    if (prng.chance(SHARES.correction.returned)) {
      const other = (['online', 'in_person', 'postal'] as const).filter((m) => m !== method);
      add(returnedAt + prng.between(1, 24) * HOUR_MS, 'dossier.result_returned', 'returned-2', { method: prng.pick(other) });
    }
    if (prng.chance(SHARES.rated)) {
      const ratedAt = returnedAt + prng.between(5, 3 * 24 * 60) * MINUTE_MS;
      const rating = prng.weighted(Object.entries(SHARES.rating));
      add(ratedAt, 'dossier.rated', 'rated', { rating });
      if (prng.chance(SHARES.correction.rated)) {
        // A citizen changes their mind, mostly for the better once a complaint was handled.
        const next = rating === 'unsatisfied' ? prng.pick(['satisfied', 'very_satisfied']) : prng.pick(['satisfied', 'very_satisfied', 'unsatisfied'].filter((r) => r !== rating));
        add(ratedAt + prng.between(1, 5 * 24) * HOUR_MS, 'dossier.rated', 'rated-2', { rating: next });
      }
    }
  }
  return sortByTime(events);
}

function receivedData(prng: Prng, procedure: ProvinceProcedure, channel: Channel, dueAt: string) {
  const data: Record<string, unknown> = { procedureCode: procedure.code, channel };
  if (channel === 'online') {
    data.onlineLevel = procedure.onlineLevel === 'full' && prng.chance(SHARES.fullWhenAvailable) ? 'full' : 'partial';
    if (prng.chance(SHARES.deviceGiven)) data.device = procedure.mobile && prng.chance(SHARES.mobileDevice) ? 'mobile' : 'web';
  }
  data.applicantType = prng.chance(procedure.businessShare) ? 'business' : 'citizen';
  data.identityVerified = prng.chance(SHARES.identityVerified[channel]);
  data.dueAt = dueAt;
  return data;
}

/** Early, on the due day, or late, as the shares say; never before `earliest`. */
function resolutionTime(prng: Prng, earliest: number, dueDay: number): number {
  const kind = prng.weighted(Object.entries(SHARES.resolution));
  let day = dueDay;
  if (kind === 'late') day = addWorkingDays(dueDay, prng.int(1, 6));
  else if (kind === 'early') {
    const first = addWorkingDays(earliest, 0);
    const available = workingBefore(first, dueDay);
    if (available > 0) day = addWorkingDays(first, prng.int(0, available - 1));
  }
  let at = officeTimeOn(prng, Math.max(day, localDayStart(earliest)));
  if (at < earliest) at = earliest + prng.between(10, 120) * MINUTE_MS;
  return at;
}

/** Working days from `first` (included) to `dueDay` (excluded). */
function workingBefore(first: number, dueDay: number): number {
  let count = 0;
  for (let d = first; d < dueDay; d = addWorkingDays(d, 1)) count++;
  return count;
}

function planTransfers(
  prng: Prng, ctx: PlanContext, agency: ProvinceAgency, t0: number, resolvedAt: number,
  add: (at: number, type: EventType, idSuffix: string, data: Record<string, unknown>) => void,
): void {
  if (!prng.chance(SHARES.transfer)) return;
  const count = prng.chance(SHARES.secondTransfer) ? 2 : 1;
  const span = Math.max(MINUTE_MS, resolvedAt - t0);
  let from = agency.code;
  for (let i = 1; i <= count; i++) {
    const targets = ctx.departments.filter((d) => d.code !== from);
    // A consulted department hands the dossier back to the accountable agency.
    const to = i === 2 && from !== agency.code ? agency.code : prng.pick(targets).code;
    const at = t0 + span * (i === 1 ? prng.between(0.05, 0.4) : prng.between(0.45, 0.9));
    add(at, 'dossier.transferred', `transfer-${i}`, {
      fromAgencyCode: from,
      toAgencyCode: to,
      method: prng.chance(SHARES.electronicTransfer) ? 'electronic' : 'paper',
    });
    from = to;
  }
}

function returnMethod(prng: Prng, channel: Channel, onlineLevel: string | undefined): 'online' | 'in_person' | 'postal' {
  if (channel === 'online' && onlineLevel === 'full') return prng.weighted([['online', 0.7], ['postal', 0.2], ['in_person', 0.1]] as const);
  if (channel === 'online') return prng.weighted([['in_person', 0.6], ['online', 0.2], ['postal', 0.2]] as const);
  if (channel === 'postal') return prng.weighted([['postal', 0.8], ['in_person', 0.2]] as const);
  return prng.weighted([['in_person', 0.85], ['postal', 0.1], ['online', 0.05]] as const);
}

function sortByTime(events: PlannedEvent[]): PlannedEvent[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map(({ e }) => e);
}
