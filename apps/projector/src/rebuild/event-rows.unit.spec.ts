import { cutAtSubject, toRecordedEvent } from './event-rows';
import { versionName } from './rebuild';

const rows = (...subjects: string[]) => subjects.map((subject, i) => ({ subject, i }));

describe('cutAtSubject', () => {
  it('carries the last subject over to the next fetch, which may continue it', () => {
    const { complete, carry } = cutAtSubject(rows('a', 'a', 'b', 'c', 'c'), false);
    expect(complete.map((r) => r.subject)).toEqual(['a', 'a', 'b']);
    expect(carry.map((r) => r.i)).toEqual([3, 4]);
  });

  it('keeps everything for the last fetch', () => {
    expect(cutAtSubject(rows('a', 'b', 'b'), true)).toEqual({ complete: rows('a', 'b', 'b'), carry: [] });
  });

  it('carries everything when one subject fills the fetch', () => {
    expect(cutAtSubject(rows('a', 'a', 'a'), false)).toEqual({ complete: [], carry: rows('a', 'a', 'a') });
  });

  it('handles an empty fetch', () => {
    expect(cutAtSubject([], false)).toEqual({ complete: [], carry: [] });
  });
});

describe('toRecordedEvent', () => {
  const row = { source: 's', id: '1', type: 'dossier.received', subject: 'D1', at: '2026-01-01T00:00:00.000001Z', data: { agencyCode: 'A' } };

  it('leaves out absent extensions, as the decoder does', () => {
    expect(toRecordedEvent({ ...row, extensions: null })).toEqual(row);
    expect('extensions' in toRecordedEvent({ ...row, extensions: null })).toBe(false);
  });

  it('keeps extensions', () => {
    expect(toRecordedEvent({ ...row, extensions: { traceparent: 'x' } }).extensions).toEqual({ traceparent: 'x' });
  });
});

describe('versionName', () => {
  it('names a version by its UTC start, usable as a schema name', () => {
    expect(versionName(new Date('2026-11-28T02:00:53.123Z'))).toBe('v20261128t020053');
  });
});
