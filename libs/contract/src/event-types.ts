/** The event catalogue of SPEC §1: types and the enumerations their data uses. */
export const AGENCY_LEVELS = ['province', 'department', 'district', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export const RECEIVED_ONLINE_LEVELS = ['full', 'partial'] as const;
export const CHANNELS = ['online', 'in_person', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DEVICES = ['web', 'mobile'] as const;
export const APPLICANT_TYPES = ['citizen', 'business'] as const;
export const TRANSFER_METHODS = ['electronic', 'paper'] as const;
export const PAUSE_REASONS = ['supplement_requested', 'other'] as const;
export const PAYMENT_METHODS = ['online', 'offline'] as const;
export const OUTCOMES = ['approved', 'rejected'] as const;
export const RETURN_METHODS = ['online', 'in_person', 'postal'] as const;
export const RATINGS = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;
export const SYNC_TARGETS = ['national_portal'] as const;

export const REFERENCE_EVENT_TYPES = ['agency.registered', 'procedure.published'] as const;
/** Facts: at most one value per dossier and type; the latest in time wins (ties: greater id). */
export const DOSSIER_FACT_TYPES = [
  'dossier.received',
  'dossier.resolved',
  'dossier.withdrawn',
  'dossier.result_returned',
  'dossier.rated',
  'dossier.synced',
] as const;
/** Occurrences: each distinct event counts once. */
export const DOSSIER_OCCURRENCE_TYPES = [
  'dossier.transferred',
  'dossier.paused',
  'dossier.resumed',
  'dossier.payment_made',
] as const;
export const EVENT_TYPES = [
  ...REFERENCE_EVENT_TYPES,
  ...DOSSIER_FACT_TYPES,
  ...DOSSIER_OCCURRENCE_TYPES,
  'workfile.processed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type DossierFactType = (typeof DOSSIER_FACT_TYPES)[number];

/** Event types a producer key may post, subject to its agency scope (SPEC §3). */
export function isAgencyScoped(type: EventType): boolean {
  return type !== 'agency.registered';
}
