/**
 * The projection of one batch of new, distinct events onto the current stored state: which dossiers,
 * agencies and procedures change and which counter deltas follow. Pure; the projector loads the state,
 * calls this and writes the result in one transaction.
 */
import type { RecordedEvent } from '@app/contract';
import { CounterDeltas } from './counters';
import { addDossierContribution } from './dossier-contribution';
import { DossierEvent, DossierState, EMPTY_DOSSIER, affectsDossierState, evolveDossier } from './dossier-state';
import { addOccurrenceContribution } from './occurrence-contribution';
import { AgencyRecord, ProcedureRecord, evolveAgency, evolveProcedure } from './reference-data';

export interface StoredState {
  dossiers: ReadonlyMap<string, DossierState>;
  agencies: ReadonlyMap<string, AgencyRecord>;
  procedures: ReadonlyMap<string, ProcedureRecord>;
}

export interface BatchEffects {
  /** Only the entries whose state changed. */
  dossiers: Map<string, DossierState>;
  agencies: Map<string, AgencyRecord>;
  procedures: Map<string, ProcedureRecord>;
  deltas: CounterDeltas;
}

/** Subjects whose stored state the batch needs, by kind. */
export function stateKeys(events: readonly RecordedEvent[]): { dossiers: string[]; agencies: string[]; procedures: string[] } {
  const dossiers = new Set<string>();
  const agencies = new Set<string>();
  const procedures = new Set<string>();
  for (const e of events) {
    if (e.type === 'agency.registered') agencies.add(e.subject);
    else if (e.type === 'procedure.published') procedures.add(e.subject);
    else if (e.type.startsWith('dossier.') && affectsDossierState(e.type as DossierEvent['type'])) dossiers.add(e.subject);
  }
  return { dossiers: [...dossiers], agencies: [...agencies], procedures: [...procedures] };
}

/** `deltas`: where the counter changes are added (a new set by default; a rebuild passes one set for many batches). */
export function projectBatch(events: readonly RecordedEvent[], stored: StoredState, deltas = new CounterDeltas()): BatchEffects {
  const dossiers = new Map<string, DossierState>();
  const agencies = new Map<string, AgencyRecord>();
  const procedures = new Map<string, ProcedureRecord>();

  for (const e of events) {
    switch (e.type) {
      case 'agency.registered': {
        const before = agencies.get(e.subject) ?? stored.agencies.get(e.subject);
        const after = evolveAgency(before, e);
        if (after !== before) agencies.set(e.subject, after!);
        break;
      }
      case 'procedure.published': {
        const before = procedures.get(e.subject) ?? stored.procedures.get(e.subject);
        const after = evolveProcedure(before, e);
        if (after !== before) procedures.set(e.subject, after!);
        break;
      }
      case 'workfile.processed':
        addOccurrenceContribution(e, deltas);
        break;
      default: {
        const de = e as DossierEvent;
        addOccurrenceContribution(de, deltas);
        if (!affectsDossierState(de.type)) break;
        const before = dossiers.get(de.subject) ?? stored.dossiers.get(de.subject) ?? EMPTY_DOSSIER;
        const after = evolveDossier(before, de);
        if (after !== before) dossiers.set(de.subject, after);
      }
    }
  }

  for (const [id, after] of dossiers) {
    addDossierContribution(stored.dossiers.get(id) ?? EMPTY_DOSSIER, deltas, -1);
    addDossierContribution(after, deltas, 1);
  }
  return { dossiers, agencies, procedures, deltas };
}

