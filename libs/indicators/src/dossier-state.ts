/**
 * One dossier's facts: for each fact type the winning event (latest time, ties greater id), and the latest
 * `dossier.resumed` (it carries a new deadline). A pure function of the set of the dossier's events.
 */
import type { RecordedEvent, RecordedEventOf } from '@app/contract';
import { isLaterThan, Ordered } from './fact-order';

interface Fact extends Ordered {
  readonly agency: string;
}

export interface ReceivedFact extends Fact {
  readonly channel: 'online' | 'in_person' | 'postal';
  readonly identityVerified: boolean;
  readonly procedureCode: string;
  readonly dueAt: string;
}
export interface ResolvedFact extends Fact {
  readonly outcome: 'approved' | 'rejected';
  readonly dueAt: string;
}
export interface ResumedFact extends Fact {
  readonly dueAt: string;
}
export interface RatedFact extends Fact {
  readonly rating: 'very_satisfied' | 'satisfied' | 'unsatisfied';
}
export interface ReturnedFact extends Fact {
  readonly method: 'online' | 'in_person' | 'postal';
}

export interface DossierState {
  readonly received?: ReceivedFact;
  readonly resolved?: ResolvedFact;
  readonly withdrawn?: Fact;
  readonly returned?: ReturnedFact;
  readonly rated?: RatedFact;
  readonly synced?: Fact;
  readonly resumed?: ResumedFact;
}

export type DossierEvent = Extract<RecordedEvent, { type: `dossier.${string}` }>;

export const EMPTY_DOSSIER: DossierState = Object.freeze({});

const base = (e: DossierEvent): Fact => ({ at: e.at, id: e.id, source: e.source, agency: e.data.agencyCode });

/** The fact (or latest resumption) an event proposes, under the state key it competes for. */
function proposal(e: DossierEvent): [keyof DossierState, Fact] | null {
  switch (e.type) {
    case 'dossier.received': {
      const d = (e as RecordedEventOf<'dossier.received'>).data;
      return ['received', { ...base(e), channel: d.channel, identityVerified: d.identityVerified, procedureCode: d.procedureCode, dueAt: d.dueAt } as ReceivedFact];
    }
    case 'dossier.resolved': {
      const d = (e as RecordedEventOf<'dossier.resolved'>).data;
      return ['resolved', { ...base(e), outcome: d.outcome, dueAt: d.dueAt } as ResolvedFact];
    }
    case 'dossier.resumed':
      return ['resumed', { ...base(e), dueAt: (e as RecordedEventOf<'dossier.resumed'>).data.dueAt } as ResumedFact];
    case 'dossier.withdrawn':
      return ['withdrawn', base(e)];
    case 'dossier.result_returned':
      return ['returned', { ...base(e), method: (e as RecordedEventOf<'dossier.result_returned'>).data.method } as ReturnedFact];
    case 'dossier.rated':
      return ['rated', { ...base(e), rating: (e as RecordedEventOf<'dossier.rated'>).data.rating } as RatedFact];
    case 'dossier.synced':
      return ['synced', base(e)];
    case 'dossier.transferred':
    case 'dossier.paused':
    case 'dossier.payment_made':
      return null;
    default: {
      const never: never = e;
      throw new Error(`unhandled dossier event ${(never as DossierEvent).type}`);
    }
  }
}

/** Applies one event; returns the same object when the event changes nothing. */
export function evolveDossier(state: DossierState, event: DossierEvent): DossierState {
  const p = proposal(event);
  if (!p) return state;
  const [key, fact] = p;
  return isLaterThan(fact, state[key]) ? { ...state, [key]: fact } : state;
}

/** Whether an event type changes dossier state (as opposed to only counting as an occurrence). */
export function affectsDossierState(type: DossierEvent['type']): boolean {
  return type !== 'dossier.transferred' && type !== 'dossier.paused' && type !== 'dossier.payment_made';
}

/** The deadline in force: the `dueAt` of the latest-in-time of received, resumed and resolved (SPEC §2). */
export function latestDueAt(state: DossierState): string | undefined {
  let latest: (Ordered & { dueAt: string }) | undefined;
  for (const f of [state.received, state.resumed, state.resolved]) if (f && isLaterThan(f, latest)) latest = f;
  return latest?.dueAt;
}

/** Received and neither resolved nor withdrawn. */
export function isOpen(state: DossierState): boolean {
  return !!state.received && !state.resolved && !state.withdrawn;
}
