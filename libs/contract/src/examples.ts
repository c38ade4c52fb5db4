/** One valid example of each event type: shown in the OpenAPI docs, and kept valid by a unit test. */
import type { CloudEvent } from './cloud-event';
import type { EventType } from './event-types';

const at = (time: string, id: string, type: EventType, subject: string, data: Record<string, unknown>): CloudEvent => ({
  specversion: '1.0', id, source: '/onestop/quang-tri', type, time, subject, datacontenttype: 'application/json', data,
});

export const EVENT_EXAMPLES: Record<EventType, CloudEvent> = {
  'agency.registered': { ...at('2025-07-01T07:00:00+07:00', 'agency-QT-X-01', 'agency.registered', 'QT-X-01', { code: 'QT-X-01', name: 'Xã Quảng Ninh', level: 'commune', parentCode: 'QT' }), source: '/admin/quang-tri' },
  'procedure.published': at('2025-07-01T08:00:00+07:00', 'proc-QT-TT-001', 'procedure.published', 'QT-TT-001', { code: 'QT-TT-001', name: 'Đăng ký khai sinh', agencyCode: 'QT-X-01', feeRequired: false, onlinePayment: false, onlineLevel: 'full', mobile: true }),
  'dossier.received': at('2026-03-02T08:15:00+07:00', 'evt-000001', 'dossier.received', 'QT-2026-000123', { agencyCode: 'QT-X-01', procedureCode: 'QT-TT-001', channel: 'online', onlineLevel: 'full', device: 'mobile', applicantType: 'citizen', identityVerified: true, dueAt: '2026-03-05T17:00:00+07:00' }),
  'dossier.transferred': at('2026-03-02T10:00:00+07:00', 'evt-000002', 'dossier.transferred', 'QT-2026-000123', { agencyCode: 'QT-X-01', fromAgencyCode: 'QT-X-01', toAgencyCode: 'QT-STP', method: 'electronic' }),
  'dossier.paused': at('2026-03-03T09:00:00+07:00', 'evt-000003', 'dossier.paused', 'QT-2026-000123', { agencyCode: 'QT-X-01', reason: 'supplement_requested' }),
  'dossier.resumed': at('2026-03-04T09:00:00+07:00', 'evt-000004', 'dossier.resumed', 'QT-2026-000123', { agencyCode: 'QT-X-01', dueAt: '2026-03-06T17:00:00+07:00' }),
  'dossier.payment_made': at('2026-03-04T09:30:00+07:00', 'evt-000005', 'dossier.payment_made', 'QT-2026-000123', { agencyCode: 'QT-X-01', amount: 50000, method: 'online' }),
  'dossier.resolved': at('2026-03-05T16:00:00+07:00', 'evt-000006', 'dossier.resolved', 'QT-2026-000123', { agencyCode: 'QT-X-01', outcome: 'approved', dueAt: '2026-03-06T17:00:00+07:00' }),
  'dossier.withdrawn': at('2026-03-03T11:00:00+07:00', 'evt-000007', 'dossier.withdrawn', 'QT-2026-000124', { agencyCode: 'QT-X-01' }),
  'dossier.result_returned': at('2026-03-05T16:30:00+07:00', 'evt-000008', 'dossier.result_returned', 'QT-2026-000123', { agencyCode: 'QT-X-01', method: 'online' }),
  'dossier.rated': at('2026-03-06T08:00:00+07:00', 'evt-000009', 'dossier.rated', 'QT-2026-000123', { agencyCode: 'QT-X-01', rating: 'very_satisfied' }),
  'dossier.synced': at('2026-03-05T16:31:00+07:00', 'evt-000010', 'dossier.synced', 'QT-2026-000123', { agencyCode: 'QT-X-01', target: 'national_portal' }),
  'workfile.processed': at('2026-03-02T14:00:00+07:00', 'evt-000011', 'workfile.processed', 'QT-WF-2026-000045', { agencyCode: 'QT-STP', electronic: true }),
};
