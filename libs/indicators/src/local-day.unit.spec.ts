import { parseRfc3339 } from '@app/contract';
import { addDays, localDayOf, localDayOfUtc, localToday, maxDay, minDay } from './local-day';
import { ev, local } from './testing/events';

describe('local days (Asia/Ho_Chi_Minh, UTC+07:00)', () => {
  describe('localDayOfUtc', () => {
    it.each([
      ['2026-02-28T16:59:59.999999Z', '2026-02-28'],
      ['2026-02-28T17:00:00.000000Z', '2026-03-01'],
      ['2026-03-01T00:00:00.000000Z', '2026-03-01'],
      ['2026-03-01T16:59:00.000000Z', '2026-03-01'],
      ['2026-03-01T17:00:00.000000Z', '2026-03-02'],
      ['2025-12-31T17:00:00.000000Z', '2026-01-01'],
      ['2024-02-28T17:00:00.000000Z', '2024-02-29'],
      ['2024-02-29T17:00:00.000000Z', '2024-03-01'],
    ])('%s is on local date %s', (utc, day) => {
      expect(localDayOfUtc(utc)).toBe(day);
    });
  });

  describe('localDayOf (any offset)', () => {
    it.each([
      // 23:59 local on 1 March, written three ways
      ['2026-03-01T23:59:00+07:00', '2026-03-01'],
      ['2026-03-01T16:59:00Z', '2026-03-01'],
      ['2026-03-01T11:59:00-05:00', '2026-03-01'],
      // 00:00 local on 2 March, written three ways
      ['2026-03-02T00:00:00+07:00', '2026-03-02'],
      ['2026-03-01T17:00:00Z', '2026-03-02'],
      ['2026-03-01T12:00:00-05:00', '2026-03-02'],
      // the last microsecond of a local day
      ['2026-03-01T23:59:59.999999+07:00', '2026-03-01'],
      ['2026-03-01T16:59:59.999999999Z', '2026-03-01'],
      // lower-case t and z, and +00:00
      ['2026-03-01t17:00:00z', '2026-03-02'],
      ['2026-03-01T17:00:00+00:00', '2026-03-02'],
      // other offsets
      ['2026-03-02T02:29:00+09:30', '2026-03-01'],
      ['2026-03-02T02:30:00+09:30', '2026-03-02'],
    ])('%s is on local date %s', (ts, day) => {
      expect(localDayOf(ts)).toBe(day);
    });

    it('rejects a timestamp without an offset', () => {
      expect(() => localDayOf('2026-03-01T10:00:00')).toThrow(RangeError);
      expect(() => localDayOf('not a time')).toThrow(RangeError);
    });
  });

  it('the local() test helper writes the same instant with each offset', () => {
    expect(local('2026-03-01', '23:59', 'Z')).toBe('2026-03-01T16:59:00Z');
    expect(local('2026-03-01', '23:59', '-05:00')).toBe('2026-03-01T11:59:00-05:00');
    expect(local('2026-03-01', '00:00', '-05:00')).toBe('2026-02-28T12:00:00-05:00');
    expect(local('2026-03-01', '00:00', '+07:00')).toBe('2026-03-01T00:00:00+07:00');
    for (const offset of ['+07:00', 'Z', '-05:00', '+09:30'] as const) {
      expect(parseRfc3339(local('2026-03-01', '06:59:59.999999', offset))!.utc).toBe('2026-02-28T23:59:59.999999Z');
    }
  });

  it('validation normalises event time to UTC microseconds, whatever the offset', () => {
    const utc = '2026-02-28T17:00:00.000000Z';
    for (const time of ['2026-03-01T00:00:00+07:00', '2026-02-28T17:00:00Z', '2026-02-28T12:00:00-05:00', '2026-02-28T17:00:00.0000001Z']) {
      const e = ev.withdrawn({ id: 'w', time, dossier: 'D1' });
      expect(e.at).toBe(utc);
      expect(localDayOfUtc(e.at)).toBe('2026-03-01');
    }
  });

  describe('addDays', () => {
    it.each([
      ['2026-03-01', 1, '2026-03-02'],
      ['2026-02-28', 1, '2026-03-01'],
      ['2024-02-28', 1, '2024-02-29'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2026-01-01', -1, '2025-12-31'],
      ['2026-03-01', 0, '2026-03-01'],
      ['2026-03-01', 31, '2026-04-01'],
    ])('%s + %d = %s', (day, n, expected) => {
      expect(addDays(day, n)).toBe(expected);
    });
  });

  it('localToday reads a clock value as a local date', () => {
    expect(localToday(Date.UTC(2026, 1, 28, 16, 59, 59, 999))).toBe('2026-02-28');
    expect(localToday(Date.UTC(2026, 1, 28, 17, 0, 0, 0))).toBe('2026-03-01');
  });

  it('maxDay and minDay compare calendar order', () => {
    expect(maxDay('2026-03-01', '2026-02-28')).toBe('2026-03-01');
    expect(maxDay('2026-02-28', '2026-03-01')).toBe('2026-03-01');
    expect(minDay('2026-03-01', '2026-02-28')).toBe('2026-02-28');
    expect(minDay('2025-12-31', '2026-01-01')).toBe('2025-12-31');
  });
});
