/** Agencies and procedures are upserts: for each code the latest event wins (ties: greater id). */
import type { AgencyLevel, RecordedEventOf } from '@app/contract';
import { isLaterThan, Ordered } from './fact-order';

export interface AgencyRecord extends Ordered {
  readonly code: string;
  readonly name: string;
  readonly level: AgencyLevel;
  readonly parentCode: string | null;
}

export interface ProcedureRecord extends Ordered {
  readonly code: string;
  readonly name: string;
  readonly agencyCode: string;
  readonly feeRequired: boolean;
  readonly onlinePayment: boolean;
  readonly onlineLevel: 'full' | 'partial' | 'none';
  readonly mobile: boolean;
}

const ordered = (e: { at: string; id: string; source: string }): Ordered => ({ at: e.at, id: e.id, source: e.source });

export function evolveAgency(current: AgencyRecord | undefined, e: RecordedEventOf<'agency.registered'>): AgencyRecord | undefined {
  const next: AgencyRecord = { ...ordered(e), code: e.subject, name: e.data.name, level: e.data.level, parentCode: e.data.parentCode };
  return isLaterThan(next, current) ? next : current;
}

export function evolveProcedure(current: ProcedureRecord | undefined, e: RecordedEventOf<'procedure.published'>): ProcedureRecord | undefined {
  const d = e.data;
  const next: ProcedureRecord = {
    ...ordered(e), code: e.subject, name: d.name, agencyCode: d.agencyCode,
    feeRequired: d.feeRequired, onlinePayment: d.onlinePayment, onlineLevel: d.onlineLevel, mobile: d.mobile,
  };
  return isLaterThan(next, current) ? next : current;
}
