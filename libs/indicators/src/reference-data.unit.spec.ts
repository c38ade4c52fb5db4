import type { RecordedEventOf } from '@app/contract';
import { evolveAgency, evolveProcedure } from './reference-data';
import { ev, local } from './testing/events';

const agency = (id: string, time: string, level: 'province' | 'district', parent: string | null, source?: string) =>
  ev.agency({ id, time, code: 'A', level, parent, source }) as RecordedEventOf<'agency.registered'>;
const procedure = (id: string, time: string, onlineLevel: 'full' | 'none') =>
  ev.procedure({ id, time, code: 'PR', onlineLevel }) as RecordedEventOf<'procedure.published'>;

describe('reference data upserts', () => {
  it('the first registration creates the record', () => {
    expect(evolveAgency(undefined, agency('1', local('2026-01-01', '00:00'), 'province', null))).toMatchObject({
      code: 'A', level: 'province', parentCode: null, name: 'Agency A', at: '2025-12-31T17:00:00.000000Z',
    });
  });

  it('a later registration replaces, an earlier one is ignored (same object returned)', () => {
    const first = evolveAgency(undefined, agency('1', local('2026-01-02', '00:00'), 'province', null))!;
    const later = evolveAgency(first, agency('0', local('2026-01-02', '00:00:01', '-05:00'), 'district', 'P'))!;
    expect(later).toMatchObject({ level: 'district', parentCode: 'P' });
    expect(evolveAgency(later, agency('9', local('2026-01-01', '23:59', 'Z'), 'province', null))).toBe(later);
  });

  it('equal times: greater id wins, then greater source', () => {
    const t = local('2026-01-02', '00:00');
    const b = evolveAgency(undefined, agency('b', t, 'district', 'P'))!;
    expect(evolveAgency(b, agency('a', t, 'province', null))).toBe(b);
    expect(evolveAgency(b, agency('c', t, 'province', null))).toMatchObject({ level: 'province' });
    const s1 = evolveAgency(undefined, agency('x', t, 'district', 'P', '/s1'))!;
    expect(evolveAgency(s1, agency('x', t, 'province', null, '/s2'))).toMatchObject({ level: 'province' });
  });

  it('procedures: the latest publication wins', () => {
    const p1 = evolveProcedure(undefined, procedure('1', local('2026-01-02', '00:00'), 'full'))!;
    expect(p1).toMatchObject({ code: 'PR', onlineLevel: 'full', agencyCode: 'AG1' });
    expect(evolveProcedure(p1, procedure('2', local('2026-01-01', '00:00'), 'none'))).toBe(p1);
    expect(evolveProcedure(p1, procedure('0', local('2026-01-03', '00:00', 'Z'), 'none'))).toMatchObject({ onlineLevel: 'none' });
  });
});
