/**
 * Test-only builders of events. Each builder writes a CloudEvent as a producer would (time with any offset)
 * and runs it through the contract's validation, so that tests work on `RecordedEvent`s with the
 * normalised UTC `at` exactly as the projector sees them. Only imported by *.unit.spec.ts files.
 */
import { RecordedEvent, validateCloudEvent } from '@app/contract';

/** A fixed clock for validation (events may not be in the future of it). */
export const NOW_MS = Date.UTC(2027, 0, 1);
export const SOURCE = '/onestop/test';

export type Offset = '+07:00' | 'Z' | '-05:00' | '+00:00' | '+09:30';

const OFFSET_MINUTES: Record<Offset, number> = { '+07:00': 420, Z: 0, '-05:00': -300, '+00:00': 0, '+09:30': 570 };

/**
 * The RFC 3339 text of a local (Asia/Ho_Chi_Minh, UTC+7) wall-clock time, written with another offset.
 * `local('2026-03-01', '23:59', 'Z')` → `2026-03-01T16:59:00Z`; `local('2026-03-01', '00:00', '-05:00')` →
 * `2026-02-28T12:00:00-05:00`. `clock` is `hh:mm`, `hh:mm:ss` or `hh:mm:ss.ffffff`.
 */
export function local(day: string, clock: string, offset: Offset = '+07:00'): string {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(clock);
  if (!m) throw new Error(`bad clock ${clock}`);
  const [y, mo, d] = day.split('-').map(Number);
  const instantMs = Date.UTC(y, mo - 1, d, Number(m[1]), Number(m[2]), Number(m[3] ?? 0)) - 7 * 3_600_000;
  const wall = new Date(instantMs + OFFSET_MINUTES[offset] * 60_000).toISOString().slice(0, 19);
  return `${wall}${m[4] !== undefined ? '.' + m[4] : ''}${offset}`;
}

/** Validates a raw CloudEvent with the fixed clock and returns the recorded event; throws when invalid. */
export function record(raw: Record<string, unknown>): RecordedEvent {
  const v = validateCloudEvent(raw, NOW_MS);
  if (!v.ok) throw new Error(`invalid test event ${JSON.stringify(raw)}: ${JSON.stringify(v.errors)}`);
  return v.event;
}

interface Envelope {
  id: string;
  /** RFC 3339 with offset, e.g. from `local(...)`. */
  time: string;
  source?: string;
}
interface DossierEnvelope extends Envelope {
  dossier: string;
  agency?: string;
}

const DEFAULT_AGENCY = 'AG1';

function dossierEvent(type: string, e: DossierEnvelope, data: Record<string, unknown>): RecordedEvent {
  return record({
    specversion: '1.0',
    id: e.id,
    source: e.source ?? SOURCE,
    type,
    time: e.time,
    subject: e.dossier,
    data: { agencyCode: e.agency ?? DEFAULT_AGENCY, ...data },
  });
}

export type Channel = 'online' | 'in_person' | 'postal';

export const ev = {
  received(
    e: DossierEnvelope & {
      dueAt: string;
      channel?: Channel;
      identityVerified?: boolean;
      procedureCode?: string;
      applicantType?: 'citizen' | 'business';
      onlineLevel?: 'full' | 'partial';
      device?: 'web' | 'mobile';
    },
  ): RecordedEvent {
    const channel = e.channel ?? 'online';
    return dossierEvent('dossier.received', e, {
      procedureCode: e.procedureCode ?? 'PROC-1',
      channel,
      ...(channel === 'online' ? { onlineLevel: e.onlineLevel ?? 'full' } : {}),
      ...(channel === 'online' && e.device ? { device: e.device } : {}),
      applicantType: e.applicantType ?? 'citizen',
      identityVerified: e.identityVerified ?? true,
      dueAt: e.dueAt,
    });
  },
  transferred(e: DossierEnvelope & { method: 'electronic' | 'paper'; from?: string; to?: string }): RecordedEvent {
    return dossierEvent('dossier.transferred', e, {
      fromAgencyCode: e.from ?? e.agency ?? DEFAULT_AGENCY,
      toAgencyCode: e.to ?? 'AG-OTHER',
      method: e.method,
    });
  },
  paused(e: DossierEnvelope & { reason?: 'supplement_requested' | 'other' }): RecordedEvent {
    return dossierEvent('dossier.paused', e, { reason: e.reason ?? 'supplement_requested' });
  },
  resumed(e: DossierEnvelope & { dueAt: string }): RecordedEvent {
    return dossierEvent('dossier.resumed', e, { dueAt: e.dueAt });
  },
  paymentMade(e: DossierEnvelope & { method: 'online' | 'offline'; amount?: number }): RecordedEvent {
    return dossierEvent('dossier.payment_made', e, { amount: e.amount ?? 50_000, method: e.method });
  },
  resolved(e: DossierEnvelope & { dueAt: string; outcome?: 'approved' | 'rejected' }): RecordedEvent {
    return dossierEvent('dossier.resolved', e, { outcome: e.outcome ?? 'approved', dueAt: e.dueAt });
  },
  withdrawn(e: DossierEnvelope): RecordedEvent {
    return dossierEvent('dossier.withdrawn', e, {});
  },
  resultReturned(e: DossierEnvelope & { method?: 'online' | 'in_person' | 'postal' }): RecordedEvent {
    return dossierEvent('dossier.result_returned', e, { method: e.method ?? 'online' });
  },
  rated(e: DossierEnvelope & { rating: 'very_satisfied' | 'satisfied' | 'unsatisfied' }): RecordedEvent {
    return dossierEvent('dossier.rated', e, { rating: e.rating });
  },
  synced(e: DossierEnvelope): RecordedEvent {
    return dossierEvent('dossier.synced', e, { target: 'national_portal' });
  },
  workfile(e: Envelope & { workfile?: string; agency?: string; electronic: boolean }): RecordedEvent {
    return record({
      specversion: '1.0', id: e.id, source: e.source ?? SOURCE, type: 'workfile.processed', time: e.time,
      subject: e.workfile ?? `WF-${e.id}`, data: { agencyCode: e.agency ?? DEFAULT_AGENCY, electronic: e.electronic },
    });
  },
  agency(
    e: Envelope & { code: string; level: 'province' | 'department' | 'district' | 'commune'; parent: string | null; name?: string },
  ): RecordedEvent {
    return record({
      specversion: '1.0', id: e.id, source: e.source ?? SOURCE, type: 'agency.registered', time: e.time, subject: e.code,
      data: { code: e.code, name: e.name ?? `Agency ${e.code}`, level: e.level, parentCode: e.parent },
    });
  },
  procedure(
    e: Envelope & {
      code: string;
      agency?: string;
      feeRequired?: boolean;
      onlinePayment?: boolean;
      onlineLevel?: 'full' | 'partial' | 'none';
      mobile?: boolean;
      name?: string;
    },
  ): RecordedEvent {
    return record({
      specversion: '1.0', id: e.id, source: e.source ?? SOURCE, type: 'procedure.published', time: e.time, subject: e.code,
      data: {
        code: e.code, name: e.name ?? `Procedure ${e.code}`, agencyCode: e.agency ?? DEFAULT_AGENCY,
        feeRequired: e.feeRequired ?? false, onlinePayment: e.onlinePayment ?? false,
        onlineLevel: e.onlineLevel ?? 'none', mobile: e.mobile ?? false,
      },
    });
  },
};
