/** Small builders for CloudEvents in tests. Times are fixed strings: tests never read the clock for data. */
let counter = 0;
export const nextId = (prefix = 'e') => `${prefix}-${process.pid}-${++counter}`;

export function cloudEvent(type: string, subject: string, time: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { specversion: '1.0', id: nextId(), source: '/onestop/test', type, time, subject, datacontenttype: 'application/json', data, ...extra };
}

export const agency = (code: string, level: string, parentCode: string | null, time = '2025-01-01T00:00:00+07:00') =>
  cloudEvent('agency.registered', code, time, { code, name: `Agency ${code}`, level, parentCode }, { source: '/admin' });

export const received = (dossier: string, agencyCode: string, time: string, channel: 'online' | 'in_person' | 'postal' = 'online', extra: Record<string, unknown> = {}) =>
  cloudEvent('dossier.received', dossier, time, {
    agencyCode, procedureCode: 'P-1', channel, ...(channel === 'online' ? { onlineLevel: 'full' } : {}),
    applicantType: 'citizen', identityVerified: true, dueAt: '2026-03-10T17:00:00+07:00', ...extra,
  });

export const transferred = (dossier: string, agencyCode: string, time: string, method: 'electronic' | 'paper') =>
  cloudEvent('dossier.transferred', dossier, time, { agencyCode, fromAgencyCode: agencyCode, toAgencyCode: 'OTHER', method });
