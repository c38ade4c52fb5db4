/**
 * A dossier's typed columns beside its state: where and when each fact counts, and the flags the indicators
 * test, so that the query side can list the dossiers behind any counter with plain indexed SQL. Computed
 * with the same functions as the counters (dossier-contribution.ts), so a list and its counter cannot drift.
 */
import { Timeliness, closeDayOf, timelinessOf } from './dossier-contribution';
import { parseRfc3339 } from '@app/contract';
import { DossierState, isOpen, latestDueAt } from './dossier-state';

export interface DossierColumns {
  /** The received fact: its agency (every received and stock counter is attributed to it) and instant. */
  agencyCode: string | null;
  receivedAt: string | null;
  receivedChannel: 'online' | 'in_person' | 'postal' | null;
  receivedIdentityVerified: boolean | null;
  /** Whether a synced fact exists (nationalSyncRate counts it in the received bucket). */
  synced: boolean;
  /** The deadline in force (received dossiers only) and whether the dossier is open now. */
  latestDueAt: string | null;
  isOpen: boolean;
  /** The local day the dossier stopped being open (received dossiers that were resolved or withdrawn). */
  closedDay: string | null;
  resolvedAgency: string | null;
  resolvedAt: string | null;
  resolvedTimeliness: Timeliness | null;
  withdrawnAgency: string | null;
  withdrawnAt: string | null;
  ratedAgency: string | null;
  ratedAt: string | null;
  rating: 'very_satisfied' | 'satisfied' | 'unsatisfied' | null;
}

const utcOf = (timestamp: string | undefined): string | null => (timestamp ? parseRfc3339(timestamp)?.utc ?? null : null);

export function dossierColumns(state: DossierState): DossierColumns {
  const { received: r, resolved: s, withdrawn: w, rated } = state;
  return {
    agencyCode: r?.agency ?? null,
    receivedAt: r?.at ?? null,
    receivedChannel: r?.channel ?? null,
    receivedIdentityVerified: r ? r.identityVerified : null,
    synced: state.synced !== undefined,
    // Normalised as the counters read it (microseconds, truncated): PostgreSQL would round 7-9 fraction digits.
    latestDueAt: r ? utcOf(latestDueAt(state)) : null,
    isOpen: isOpen(state),
    closedDay: closeDayOf(state) ?? null,
    resolvedAgency: s?.agency ?? null,
    resolvedAt: s?.at ?? null,
    resolvedTimeliness: s ? timelinessOf(s) : null,
    withdrawnAgency: w?.agency ?? null,
    withdrawnAt: w?.at ?? null,
    ratedAgency: rated?.agency ?? null,
    ratedAt: rated?.at ?? null,
    rating: rated?.rating ?? null,
  };
}
