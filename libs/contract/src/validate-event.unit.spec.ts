/**
 * SPEC §1 — the CloudEvents 1.0 envelope: every attribute rule, extension attributes, prototype keys,
 * error aggregation and the normalised `event.at`. Per-type `data` rules live in event-data.unit.spec.ts.
 */
import { FieldError, validateCloudEvent } from './validate-event';

/** A fixed clock: never real time. */
const NOW_MS = Date.parse('2026-11-27T09:00:00Z');

type Raw = Record<string, unknown>;

function validEvent(overrides: Raw = {}): Raw {
  return {
    specversion: '1.0',
    id: 'evt-0001',
    source: '/onestop/quang-binh',
    type: 'dossier.paused',
    time: '2026-03-01T08:30:00+07:00',
    subject: 'H12.34-260301-0001',
    datacontenttype: 'application/json',
    data: { agencyCode: 'H12.34', reason: 'supplement_requested' },
    ...overrides,
  };
}

function without(event: Raw, ...keys: string[]): Raw {
  const copy = { ...event };
  for (const key of keys) delete copy[key];
  return copy;
}

/** The errors of a validation; [] when the event is accepted. */
function errorsOf(raw: unknown): FieldError[] {
  const result = validateCloudEvent(raw, NOW_MS);
  return result.ok ? [] : result.errors;
}

function acceptedEvent(raw: unknown) {
  const result = validateCloudEvent(raw, NOW_MS);
  if (!result.ok) throw new Error(`expected the event to be accepted, got ${JSON.stringify(result.errors)}`);
  return result;
}

/** Exactly one error, at `path`, that is not "is required" (the value is present but wrong). */
const refusedAt = (path: string) => [{ path, message: expect.not.stringMatching(/^is required$/) }];
const requiredAt = (path: string) => [{ path, message: 'is required' }];

describe('validateCloudEvent — envelope (SPEC §1)', () => {
  describe('a complete valid event', () => {
    it('is accepted and recorded with its identity, type, subject and data', () => {
      // given
      const raw = validEvent();
      // when
      const result = acceptedEvent(raw);
      // then
      expect(result.event).toEqual({
        source: '/onestop/quang-binh',
        id: 'evt-0001',
        type: 'dossier.paused',
        subject: 'H12.34-260301-0001',
        at: '2026-03-01T01:30:00.000000Z',
        data: { agencyCode: 'H12.34', reason: 'supplement_requested' },
      });
      expect(result.cloudEvent).toEqual(validEvent());
    });

    it('carries no `extensions` key when the event has no extension attribute', () => {
      // given / when
      const { event } = acceptedEvent(validEvent());
      // then
      expect(Object.keys(event)).not.toContain('extensions');
    });

    it.each([
      ['null', null],
      ['an array', [validEvent()]],
      ['a string', JSON.stringify(validEvent())],
      ['a number', 42],
      ['undefined', undefined],
    ])('refuses %s as an event, with an error on the event as a whole', (_label, raw) => {
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors).toEqual([{ path: '', message: expect.any(String) }]);
    });
  });

  describe('specversion', () => {
    it('accepts "1.0"', () => {
      expect(errorsOf(validEvent({ specversion: '1.0' }))).toEqual([]);
    });

    it('is required', () => {
      expect(errorsOf(without(validEvent(), 'specversion'))).toEqual(requiredAt('specversion'));
    });

    it.each([['1.1'], ['0.3'], ['1'], ['1.0 '], [''], [1], [1.0], [null], [true]])('refuses %p', (specversion) => {
      expect(errorsOf(validEvent({ specversion }))).toEqual(refusedAt('specversion'));
    });
  });

  describe.each([
    ['id', 128],
    ['source', 256],
    ['subject', 128],
  ])('%s (string, 1 to %i characters)', (attribute, max) => {
    it.each([
      ['one character', 'a'],
      [`exactly ${max} characters`, 'x'.repeat(max)],
      ['a typical value', attribute === 'source' ? '/onestop/quang-binh' : 'H12.34-260301-0001'],
    ])('accepts %s', (_label, value) => {
      expect(errorsOf(validEvent({ [attribute]: value }))).toEqual([]);
    });

    it('is required', () => {
      expect(errorsOf(without(validEvent(), attribute))).toEqual(requiredAt(attribute));
    });

    it.each([
      ['the empty string', ''],
      [`${max + 1} characters`, 'x'.repeat(max + 1)],
      ['a number', 42],
      ['null', null],
      ['a boolean', true],
      ['an object', { value: 'x' }],
      ['an array', ['x']],
    ])('refuses %s', (_label, value) => {
      expect(errorsOf(validEvent({ [attribute]: value }))).toEqual(refusedAt(attribute));
    });
  });

  describe('type', () => {
    // Every one of the 13 types is accepted with a valid example in event-data.unit.spec.ts.
    it('accepts a known type', () => {
      expect(errorsOf(validEvent({ type: 'dossier.paused' }))).toEqual([]);
    });

    it('is required', () => {
      expect(errorsOf(without(validEvent(), 'type'))).toEqual(requiredAt('type'));
    });

    it.each([['dossier.unknown'], ['Dossier.Paused'], ['dossier.paused '], ['dossier'], ['paused'], [''], [7], [null], [['dossier.paused']]])(
      'refuses %p (and does not judge the data against an unknown type)',
      (type) => {
        expect(errorsOf(validEvent({ type }))).toEqual(refusedAt('type'));
      },
    );
  });

  describe('time (RFC 3339 with offset, not > now + 5 min, not < 2000-01-01)', () => {
    it.each([
      ['UTC "Z"', '2026-03-01T08:30:00Z'],
      ['a positive offset', '2026-03-01T08:30:00+07:00'],
      ['a negative offset', '2026-03-01T08:30:00-05:00'],
      ['a half-hour offset', '2026-03-01T08:30:00+05:30'],
      ['"-00:00"', '2026-03-01T08:30:00-00:00'],
      ['1 fractional digit', '2026-03-01T08:30:00.1Z'],
      ['3 fractional digits', '2026-03-01T08:30:00.123+07:00'],
      ['6 fractional digits', '2026-03-01T08:30:00.123456-05:00'],
      ['9 fractional digits', '2026-03-01T08:30:00.123456789+07:00'],
      ['lower-case "t" and "z"', '2026-03-01t08:30:00z'],
      ['a leap day', '2024-02-29T12:00:00Z'],
      ['the last second of a day', '2026-03-01T23:59:59+07:00'],
      ['now', '2026-11-27T09:00:00Z'],
      ['exactly now + 5 minutes', '2026-11-27T09:05:00Z'],
      ['exactly now + 5 minutes, written with an offset', '2026-11-27T16:05:00+07:00'],
      ['now + 4 min 59.999 s', '2026-11-27T09:04:59.999Z'],
      ['exactly 2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z'],
      ['2000-01-01T00:00:00Z written with an offset', '2000-01-01T07:00:00+07:00'],
      ['an event days late', '2026-11-20T09:00:00+07:00'],
    ])('accepts %s: %s', (_label, time) => {
      expect(errorsOf(validEvent({ time }))).toEqual([]);
    });

    it('is required', () => {
      expect(errorsOf(without(validEvent(), 'time'))).toEqual(requiredAt('time'));
    });

    it.each([
      ['no offset', '2026-03-01T08:30:00'],
      ['a date only', '2026-03-01'],
      ['a date only with Z', '2026-03-01Z'],
      ['no seconds', '2026-03-01T08:30Z'],
      ['a space instead of T', '2026-03-01 08:30:00Z'],
      ['an offset without colon', '2026-03-01T08:30:00+0700'],
      ['an offset with hours only', '2026-03-01T08:30:00+07'],
      ['an offset hour 24', '2026-03-01T08:30:00+24:00'],
      ['an offset minute 60', '2026-03-01T08:30:00+07:60'],
      ['an empty fraction', '2026-03-01T08:30:00.Z'],
      ['10 fractional digits', '2026-03-01T08:30:00.1234567890Z'],
      ['February 30', '2026-02-30T08:30:00Z'],
      ['February 29 in a common year', '2025-02-29T08:30:00Z'],
      ['April 31', '2026-04-31T08:30:00Z'],
      ['month 13', '2026-13-01T08:30:00Z'],
      ['month 00', '2026-00-10T08:30:00Z'],
      ['day 00', '2026-03-00T08:30:00Z'],
      ['day 32', '2026-01-32T08:30:00Z'],
      ['hour 24', '2026-03-01T24:00:00Z'],
      ['minute 60', '2026-03-01T08:60:00Z'],
      ['a two-digit year', '26-03-01T08:30:00Z'],
      ['an epoch number in a string', '1772328600000'],
      ['free text', 'yesterday'],
      ['the empty string', ''],
    ])('refuses a malformed timestamp: %s (%s)', (_label, time) => {
      expect(errorsOf(validEvent({ time }))).toEqual(refusedAt('time'));
    });

    it.each([
      ['a number (epoch ms)', NOW_MS],
      ['null', null],
      ['a boolean', true],
      ['an object', { time: '2026-03-01T08:30:00Z' }],
    ])('refuses a non-string: %s', (_label, time) => {
      expect(errorsOf(validEvent({ time }))).toEqual(refusedAt('time'));
    });

    it.each([
      ['now + 5 min + 1 ms', '2026-11-27T09:05:00.001Z'],
      ['now + 5 min + 1 s, written with an offset', '2026-11-27T16:05:01+07:00'],
      ['now + 5 min + 1 s, written with a negative offset', '2026-11-27T04:05:01-05:00'],
      ['next year', '2027-01-01T00:00:00Z'],
    ])('refuses a time more than 5 minutes in the future: %s (%s)', (_label, time) => {
      expect(errorsOf(validEvent({ time }))).toEqual([{ path: 'time', message: expect.stringMatching(/future/) }]);
    });

    it.each([
      ['1 ms before 2000-01-01', '1999-12-31T23:59:59.999Z'],
      ['before 2000-01-01 once the offset is applied', '2000-01-01T06:59:59+07:00'],
      ['the 1990s', '1995-06-15T12:00:00Z'],
      ['the epoch', '1970-01-01T00:00:00Z'],
      ['year 0099', '0099-12-31T23:59:59Z'],
      ['year 0099 with a negative offset (0100-01-01T23:58:59Z)', '0099-12-31T23:59:59-23:59'],
      ['year 0050', '0050-06-01T00:00:00-12:00'],
    ])('refuses a time before 2000-01-01: %s (%s)', (_label, time) => {
      expect(errorsOf(validEvent({ time }))).toEqual([{ path: 'time', message: expect.stringMatching(/2000-01-01/) }]);
    });
  });

  describe('datacontenttype (optional; "application/json" when present)', () => {
    it('accepts its absence', () => {
      expect(errorsOf(without(validEvent(), 'datacontenttype'))).toEqual([]);
    });

    it('accepts "application/json"', () => {
      expect(errorsOf(validEvent({ datacontenttype: 'application/json' }))).toEqual([]);
    });

    it.each([['text/plain'], ['application/xml'], ['application/cloudevents+json'], ['APPLICATION/JSON '], [''], [null], [1]])(
      'refuses %p',
      (datacontenttype) => {
        expect(errorsOf(validEvent({ datacontenttype }))).toEqual(refusedAt('datacontenttype'));
      },
    );
  });

  describe('dataschema (optional string of at most 2048 characters)', () => {
    it.each([
      ['absent', undefined],
      ['a URI', 'https://example.gov.vn/schemas/dossier.paused/v1.json'],
      ['exactly 2048 characters', 'x'.repeat(2048)],
    ])('accepts %s', (_label, dataschema) => {
      const raw = dataschema === undefined ? validEvent() : validEvent({ dataschema });
      expect(errorsOf(raw)).toEqual([]);
    });

    it.each([
      ['2049 characters', 'x'.repeat(2049)],
      ['the empty string', ''],
      ['a number', 1],
      ['null', null],
      ['an object', { $id: 'x' }],
    ])('refuses %s', (_label, dataschema) => {
      expect(errorsOf(validEvent({ dataschema }))).toEqual(refusedAt('dataschema'));
    });
  });

  describe('data (an object, required)', () => {
    it('accepts an object', () => {
      expect(errorsOf(validEvent({ data: { agencyCode: 'H12.34', reason: 'other' } }))).toEqual([]);
    });

    it('is required', () => {
      expect(errorsOf(without(validEvent(), 'data'))).toEqual(requiredAt('data'));
    });

    it.each([
      ['an array', [{ agencyCode: 'H12.34', reason: 'other' }]],
      ['an empty array', []],
      ['null', null],
      ['a string', '{"agencyCode":"H12.34","reason":"other"}'],
      ['a number', 0],
      ['a boolean', false],
    ])('refuses %s', (_label, data) => {
      expect(errorsOf(validEvent({ data }))).toEqual(refusedAt('data'));
    });

    it('refuses `data_base64` (binary data), even beside a valid `data`', () => {
      expect(errorsOf(validEvent({ data_base64: 'eyJhIjoxfQ==' }))).toEqual(refusedAt('data_base64'));
    });

    it('refuses `data_base64` in place of `data`, reporting both', () => {
      // given
      const raw = { ...without(validEvent(), 'data'), data_base64: 'eyJhIjoxfQ==' };
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: 'data', message: 'is required' },
          { path: 'data_base64', message: expect.any(String) },
        ]),
      );
    });
  });

  describe('extension attributes (lower-case alphanumeric names, kept)', () => {
    it('keeps string, integer and boolean extensions in event.extensions and in the CloudEvent', () => {
      // given
      const extensions = {
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        partitionkey: 'H12.34',
        retries: 3,
        sampled: true,
        offline: false,
        negative: -5,
        zero: 0,
        big: Number.MAX_SAFE_INTEGER,
        empty: '',
        x1: 'x'.repeat(1024),
        abcdefghij0123456789: 'name of exactly 20 characters',
      };
      // when
      const { event, cloudEvent } = acceptedEvent(validEvent(extensions));
      // then
      expect(event.extensions).toEqual(extensions);
      expect(cloudEvent).toMatchObject(extensions);
    });

    it.each([
      ['upper-case letters', 'traceParent'],
      ['a hyphen', 'trace-parent'],
      ['an underscore', 'trace_parent'],
      ['a dot', 'trace.parent'],
      ['21 characters', 'a'.repeat(21)],
      ['a non-ASCII letter', 'ngườidùng'],
      ['a space', 'trace parent'],
      ['the empty name', ''],
      ['a capitalised core attribute', 'Data'],
    ])('refuses a name with %s (%p)', (_label, name) => {
      // given
      const raw = validEvent({ [name]: 'value' });
      // when / then
      expect(errorsOf(raw)).toEqual(refusedAt(name));
    });

    it.each([
      ['a fraction', 1.5],
      ['an unsafe integer', 2 ** 53],
      ['a negative unsafe integer', -(2 ** 53)],
      ['null', null],
      ['an object', { a: 1 }],
      ['an array', ['a']],
      ['a string of 1025 characters', 'x'.repeat(1025)],
    ])('refuses %s as a value', (_label, value) => {
      expect(errorsOf(validEvent({ myext: value }))).toEqual(refusedAt('myext'));
    });
  });

  describe('prototype keys', () => {
    it('refuses a `__proto__` key in data and does not pollute prototypes', () => {
      // given: JSON.parse makes `__proto__` an own key, as a real request body would
      const raw = JSON.parse(
        JSON.stringify(validEvent()).replace('"data":{', '"data":{"__proto__":{"polluted":true},'),
      ) as Raw;
      expect(Object.keys(raw.data as object)).toContain('__proto__');
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors).toEqual(refusedAt('data.__proto__'));
      expect(({} as Raw).polluted).toBeUndefined();
    });

    it('refuses a `__proto__` key at the top level', () => {
      // given
      const raw = JSON.parse(JSON.stringify(validEvent()).replace('{', '{"__proto__":{"specversion":"1.0"},')) as Raw;
      expect(Object.keys(raw)).toContain('__proto__');
      // when / then
      expect(errorsOf(raw)).toEqual(refusedAt('__proto__'));
    });

    it.each([['constructor'], ['toString'], ['hasOwnProperty']])('refuses a data key named %s', (key) => {
      // given
      const raw = JSON.parse(JSON.stringify(validEvent()).replace('"data":{', `"data":{"${key}":"x",`)) as Raw;
      // when / then
      expect(errorsOf(raw)).toEqual(refusedAt(`data.${key}`));
    });
  });

  describe('several errors at once', () => {
    it('reports every error of the envelope and the data together, each with its path', () => {
      // given
      const raw = {
        ...without(validEvent(), 'source'),
        specversion: '0.3',
        id: '',
        time: '2026-03-01T08:30:00',
        datacontenttype: 'text/xml',
        'Bad-Name': 1,
        data: { reason: 'holiday', extra: 1 },
      };
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors).toHaveLength(9);
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: 'specversion', message: expect.any(String) },
          { path: 'id', message: expect.any(String) },
          { path: 'source', message: 'is required' },
          { path: 'time', message: expect.any(String) },
          { path: 'datacontenttype', message: expect.any(String) },
          { path: 'Bad-Name', message: expect.any(String) },
          { path: 'data.agencyCode', message: 'is required' },
          { path: 'data.reason', message: expect.not.stringMatching(/^is required$/) },
          { path: 'data.extra', message: expect.any(String) },
        ]),
      );
    });

    it('reports an unknown data field beside a missing one', () => {
      // given
      const raw = validEvent({ data: { agencyCode: 'H12.34', reasons: 'other' } });
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: 'data.reasons', message: expect.any(String) },
          { path: 'data.reason', message: 'is required' },
        ]),
      );
    });
  });

  describe('event.at (time normalised to UTC, microsecond precision)', () => {
    it.each([
      ['2026-03-01T00:30:00+07:00', '2026-02-28T17:30:00.000000Z'],
      ['2026-03-01T08:30:00Z', '2026-03-01T08:30:00.000000Z'],
      ['2026-02-28T19:30:00-05:00', '2026-03-01T00:30:00.000000Z'],
      ['2026-03-01T08:30:00.5z', '2026-03-01T08:30:00.500000Z'],
      ['2026-03-01t08:30:00.123+07:00', '2026-03-01T01:30:00.123000Z'],
      ['2026-03-01T08:30:00.123456789+07:00', '2026-03-01T01:30:00.123456Z'],
      ['2026-03-01T08:30:00.999999999Z', '2026-03-01T08:30:00.999999Z'],
      ['2024-12-31T23:59:59.999999-00:30', '2025-01-01T00:29:59.999999Z'],
      ['2024-03-01T06:00:00+07:00', '2024-02-29T23:00:00.000000Z'],
      ['2000-01-01T07:00:00+07:00', '2000-01-01T00:00:00.000000Z'],
      ['2026-11-27T16:05:00+07:00', '2026-11-27T09:05:00.000000Z'],
    ])('records %s as %s', (time, at) => {
      // given
      const raw = validEvent({ time });
      // when
      const { event, cloudEvent } = acceptedEvent(raw);
      // then
      expect(event.at).toBe(at);
      expect(cloudEvent.time).toBe(time);
    });
  });
});
