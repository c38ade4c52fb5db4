import { bucketStart, buckets } from './buckets';

describe('series buckets', () => {
  it.each([
    ['2026-03-18', 'day', '2026-03-18'],
    ['2026-03-18', 'week', '2026-03-16'], // a Wednesday → Monday
    ['2026-03-16', 'week', '2026-03-16'],
    ['2026-03-22', 'week', '2026-03-16'], // Sunday belongs to the week that began on Monday
    ['2026-01-01', 'week', '2025-12-29'],
    ['2026-03-18', 'month', '2026-03-01'],
    ['2026-03-18', 'quarter', '2026-01-01'],
    ['2026-11-30', 'quarter', '2026-10-01'],
    ['2026-03-18', 'year', '2026-01-01'],
  ] as const)('given %s, the %s bucket starts on %s', (day, interval, start) => {
    expect(bucketStart(day, interval)).toBe(start);
  });

  it('clips the first and last buckets to the range', () => {
    expect(buckets('2026-01-15', '2026-03-10', 'month')).toEqual([
      { start: '2026-01-01', from: '2026-01-15', to: '2026-01-31' },
      { start: '2026-02-01', from: '2026-02-01', to: '2026-02-28' },
      { start: '2026-03-01', from: '2026-03-01', to: '2026-03-10' },
    ]);
  });

  it('crosses years for quarters and weeks', () => {
    expect(buckets('2025-11-20', '2026-02-01', 'quarter').map((b) => b.start)).toEqual(['2025-10-01', '2026-01-01']);
    expect(buckets('2025-12-28', '2026-01-05', 'week')).toEqual([
      { start: '2025-12-22', from: '2025-12-28', to: '2025-12-28' },
      { start: '2025-12-29', from: '2025-12-29', to: '2026-01-04' },
      { start: '2026-01-05', from: '2026-01-05', to: '2026-01-05' },
    ]);
  });

  it('gives one bucket per day, leap day included, and refuses too many', () => {
    expect(buckets('2028-02-27', '2028-03-01', 'day').map((b) => b.from)).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(() => buckets('2000-01-01', '2026-01-01', 'day')).toThrow(RangeError);
    expect(buckets('2000-01-01', '2026-01-01', 'year')).toHaveLength(27);
  });
});
