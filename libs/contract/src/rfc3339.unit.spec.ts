/**
 * RFC 3339 timestamps with offset (SPEC §1 `time` and `dueAt`), normalised to a fixed-width UTC string with
 * microsecond precision whose string order is time order.
 */
import { isRfc3339, parseRfc3339 } from './rfc3339';

describe('parseRfc3339', () => {
  describe('accepted timestamps, normalised to UTC with microseconds', () => {
    it.each([
      ['2026-03-01T08:30:00Z', '2026-03-01T08:30:00.000000Z'],
      ['2026-03-01T00:30:00+07:00', '2026-02-28T17:30:00.000000Z'],
      ['2026-02-28T19:30:00-05:00', '2026-03-01T00:30:00.000000Z'],
      ['2026-03-01T08:30:00+05:45', '2026-03-01T02:45:00.000000Z'],
      ['2026-03-01T08:30:00-00:00', '2026-03-01T08:30:00.000000Z'],
      ['2026-03-01t08:30:00z', '2026-03-01T08:30:00.000000Z'],
      ['2026-03-01T08:30:00.5Z', '2026-03-01T08:30:00.500000Z'],
      ['2026-03-01T08:30:00.12+07:00', '2026-03-01T01:30:00.120000Z'],
      ['2026-03-01T08:30:00.123456Z', '2026-03-01T08:30:00.123456Z'],
      ['2026-03-01T08:30:00.1234567Z', '2026-03-01T08:30:00.123456Z'],
      ['2026-03-01T08:30:00.123456789-05:00', '2026-03-01T13:30:00.123456Z'],
      ['2026-03-01T08:30:00.999999999Z', '2026-03-01T08:30:00.999999Z'],
      ['2024-02-29T23:59:59.999999-01:00', '2024-03-01T00:59:59.999999Z'],
      ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000000Z'],
      ['2027-01-01T06:59:59+07:00', '2026-12-31T23:59:59.000000Z'],
      ['1969-12-31T23:59:59.5Z', '1969-12-31T23:59:59.500000Z'],
      ['0100-01-01T00:00:00Z', '0100-01-01T00:00:00.000000Z'],
      ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000000Z'],
    ])('%s → %s', (text, utc) => {
      // when
      const instant = parseRfc3339(text);
      // then
      expect(instant?.utc).toBe(utc);
    });

    it.each([
      ['2026-03-01T08:30:00Z'],
      ['2026-03-01T00:30:00+07:00'],
      ['2026-02-28T19:30:00-05:00'],
      ['2026-03-01T08:30:00.123+07:00'],
      ['2026-03-01T08:30:00.1-05:00'],
      ['1969-12-31T23:59:59.5Z'],
      ['2000-01-01T00:00:00Z'],
    ])('gives the same epochMs as Date.parse for %s', (text) => {
      expect(parseRfc3339(text)?.epochMs).toBe(Date.parse(text));
    });

    it('drops digits past the millisecond from epochMs and past the microsecond from utc', () => {
      // when
      const instant = parseRfc3339('2026-03-01T08:30:00.123456789Z');
      // then
      expect(instant).toEqual({ utc: '2026-03-01T08:30:00.123456Z', epochMs: Date.parse('2026-03-01T08:30:00.123Z') });
    });

    it('gives one and the same instant for one moment written with different offsets', () => {
      // given
      const writings = ['2026-03-01T08:30:00+07:00', '2026-03-01T01:30:00Z', '2026-02-28T20:30:00-05:00', '2026-03-01T01:30:00.000000000z'];
      // when
      const instants = writings.map(parseRfc3339);
      // then
      expect(new Set(instants.map((i) => i?.utc))).toEqual(new Set(['2026-03-01T01:30:00.000000Z']));
      expect(new Set(instants.map((i) => i?.epochMs))).toEqual(new Set([Date.parse('2026-03-01T01:30:00Z')]));
    });
  });

  describe('ordering', () => {
    /** In time order (each strictly after the one before), written with mixed offsets and precisions. */
    const CHRONOLOGICAL = [
      '1969-12-31T23:59:59.5Z',
      '1970-01-01T07:00:00+07:00',
      '1999-12-31T23:59:59.999999Z',
      '2000-01-01T00:00:00-00:00',
      '2026-01-02T00:00:00+23:59', // 2026-01-01T00:01:00Z
      '2026-01-01T09:59:59.999999+09:00', // 00:59:59.999999Z
      '2025-12-31T20:00:00-05:00', // 01:00:00Z
      '2026-01-01T08:00:00.000001+07:00', // 01:00:00.000001Z
      '2026-01-01T01:00:00.0000019Z', // 01:00:00.000001Z + 0.9 µs, truncated: equal to the previous
      '2026-01-01T01:00:00.001Z',
      '2026-01-01T00:30:01-00:30', // 01:00:01Z
      '2026-01-01t01:00:02z',
      '2026-01-01T00:00:00-23:59', // 23:59:00Z
      '2026-01-02T06:59:00+07:00', // 23:59:00Z: equal to the previous
      '2026-01-02T00:00:00Z',
    ];
    const EQUAL_TO_PREVIOUS = new Set([8, 13]);

    it('sorting the utc strings puts timestamps from any offset in time order', () => {
      // given: a shuffled copy
      const shuffled = [...CHRONOLOGICAL].reverse().sort((a, b) => (a.length % 3) - (b.length % 3));
      // when
      const sorted = [...shuffled].sort((a, b) => {
        const ua = parseRfc3339(a)!.utc;
        const ub = parseRfc3339(b)!.utc;
        return ua < ub ? -1 : ua > ub ? 1 : CHRONOLOGICAL.indexOf(a) - CHRONOLOGICAL.indexOf(b);
      });
      // then
      expect(sorted).toEqual(CHRONOLOGICAL);
    });

    it.each(CHRONOLOGICAL.slice(1).map((text, i) => [CHRONOLOGICAL[i], text, i + 1]))(
      'orders %s before %s in both utc and epochMs',
      (earlier, later, index) => {
        // when
        const a = parseRfc3339(earlier as string)!;
        const b = parseRfc3339(later as string)!;
        // then
        if (EQUAL_TO_PREVIOUS.has(index as number)) {
          expect(b.utc).toBe(a.utc);
          expect(b.epochMs).toBe(a.epochMs);
        } else {
          expect(a.utc < b.utc).toBe(true);
          expect(a.epochMs).toBeLessThanOrEqual(b.epochMs);
        }
      },
    );

    it('keeps utc fixed-width (27 characters) so that string order is time order', () => {
      for (const text of CHRONOLOGICAL) expect(parseRfc3339(text)!.utc).toHaveLength(27);
    });
  });

  describe('refused', () => {
    it.each([
      ['no offset', '2026-03-01T08:30:00'],
      ['a date only', '2026-03-01'],
      ['no seconds', '2026-03-01T08:30Z'],
      ['a space separator', '2026-03-01 08:30:00Z'],
      ['an offset without colon', '2026-03-01T08:30:00+0700'],
      ['an offset of hours only', '2026-03-01T08:30:00+07'],
      ['offset hour 24', '2026-03-01T08:30:00+24:00'],
      ['offset minute 60', '2026-03-01T08:30:00-05:60'],
      ['an empty fraction', '2026-03-01T08:30:00.Z'],
      ['10 fractional digits', '2026-03-01T08:30:00.0123456789Z'],
      ['a comma fraction', '2026-03-01T08:30:00,5Z'],
      ['February 30', '2026-02-30T00:00:00Z'],
      ['February 29 of a common year', '2023-02-29T00:00:00Z'],
      ['February 29 of 2100', '2100-02-29T00:00:00Z'],
      ['April 31', '2026-04-31T00:00:00Z'],
      ['month 00', '2026-00-01T00:00:00Z'],
      ['month 13', '2026-13-01T00:00:00Z'],
      ['day 00', '2026-01-00T00:00:00Z'],
      ['day 32', '2026-01-32T00:00:00Z'],
      ['hour 24', '2026-03-01T24:00:00Z'],
      ['minute 60', '2026-03-01T08:60:00Z'],
      ['a five-digit year', '20260-03-01T08:30:00Z'],
      ['a signed year', '+2026-03-01T08:30:00Z'],
      ['leading whitespace', ' 2026-03-01T08:30:00Z'],
      ['a trailing newline', '2026-03-01T08:30:00Z\n'],
      ['non-ASCII digits', '２０２６-03-01T08:30:00Z'],
      ['the empty string', ''],
    ])('%s: %p', (_label, text) => {
      expect(parseRfc3339(text)).toBeNull();
    });
  });

  describe('years 0000-0099 and the edges of 0000-9999', () => {
    it.each([
      ['0070-01-01T00:00:00Z', '0070-01-01T00:00:00.000000Z'],
      ['0099-12-31T23:59:59Z', '0099-12-31T23:59:59.000000Z'],
      ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000000Z'],
    ])('normalises %s to the same year (%s)', (text, utc) => {
      // when
      const instant = parseRfc3339(text);
      // then
      expect(instant).toEqual({ utc, epochMs: Date.parse(text) });
    });

    it('orders year 0070 before 1969', () => {
      // when
      const early = parseRfc3339('0070-01-01T00:00:00Z')!;
      const late = parseRfc3339('1969-12-31T23:59:59Z')!;
      // then
      expect(early.utc < late.utc).toBe(true);
      expect(early.epochMs).toBeLessThan(late.epochMs);
    });

    it('refuses year 0000, which PostgreSQL cannot store (it has no year 0), and accepts 0001', () => {
      expect(parseRfc3339('0000-02-29T00:00:00Z')).toBeNull();
      expect(parseRfc3339('0000-06-01T00:00:00Z')).toBeNull();
      expect(parseRfc3339('0001-01-01T00:00:00Z')?.utc).toBe('0001-01-01T00:00:00.000000Z');
    });

    it.each([
      ['after 9999 once the offset is applied', '9999-12-31T23:30:00-01:00'],
      ['before 0000 once the offset is applied', '0000-01-01T00:00:00+01:00'],
    ])('refuses a timestamp %s (%s), as its UTC form has no 4-digit year', (_label, text) => {
      expect(parseRfc3339(text)).toBeNull();
    });
  });
});

describe('isRfc3339', () => {
  it.each([['2026-03-01T08:30:00+07:00'], ['2026-03-01T08:30:00.5z']])('is true for %p', (value) => {
    expect(isRfc3339(value)).toBe(true);
  });

  it.each([['2026-03-01T08:30:00'], ['2026-02-30T08:30:00Z'], [1772328600000], [null], [undefined], [new Date('2026-03-01T08:30:00Z')], [{}]])(
    'is false for %p',
    (value) => {
      expect(isRfc3339(value)).toBe(false);
    },
  );
});
