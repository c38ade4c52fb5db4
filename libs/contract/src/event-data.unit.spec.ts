/**
 * SPEC §1 — the 13 event types and the fields of their `data`: required fields, types, enumerations,
 * unknown fields, `code` = subject, `parentCode` null, and dossier.received's channel-dependent fields.
 * Enumerations are written out from SPEC here on purpose, not imported from the code under test.
 */
import { EVENT_TYPES } from './event-types';
import { FieldError, validateCloudEvent } from './validate-event';

const NOW_MS = Date.parse('2026-11-27T09:00:00Z');

type Data = Record<string, unknown>;

const DOSSIER = 'H12.34-260301-0001';
const DUE_AT = '2026-03-10T17:00:00+07:00';

/** One valid example of each type of SPEC §1. */
const EXAMPLES: Record<string, { subject: string; data: Data }> = {
  'agency.registered': {
    subject: 'H12.34',
    data: { code: 'H12.34', name: 'Sở Tư pháp tỉnh Quảng Trị', level: 'department', parentCode: 'H12' },
  },
  'procedure.published': {
    subject: '1.001234',
    data: {
      code: '1.001234', name: 'Đăng ký khai sinh', agencyCode: 'H12.34',
      feeRequired: true, onlinePayment: true, onlineLevel: 'full', mobile: false,
    },
  },
  'dossier.received': {
    subject: DOSSIER,
    data: {
      agencyCode: 'H12.34', procedureCode: '1.001234', channel: 'in_person',
      applicantType: 'citizen', identityVerified: false, dueAt: DUE_AT,
    },
  },
  'dossier.transferred': {
    subject: DOSSIER,
    data: { agencyCode: 'H12.34', fromAgencyCode: 'H12.34.01', toAgencyCode: 'H12.34', method: 'electronic' },
  },
  'dossier.paused': { subject: DOSSIER, data: { agencyCode: 'H12.34', reason: 'supplement_requested' } },
  'dossier.resumed': { subject: DOSSIER, data: { agencyCode: 'H12.34', dueAt: DUE_AT } },
  'dossier.payment_made': { subject: DOSSIER, data: { agencyCode: 'H12.34', amount: 50000, method: 'online' } },
  'dossier.resolved': { subject: DOSSIER, data: { agencyCode: 'H12.34', outcome: 'approved', dueAt: DUE_AT } },
  'dossier.withdrawn': { subject: DOSSIER, data: { agencyCode: 'H12.34' } },
  'dossier.result_returned': { subject: DOSSIER, data: { agencyCode: 'H12.34', method: 'postal' } },
  'dossier.rated': { subject: DOSSIER, data: { agencyCode: 'H12.34', rating: 'satisfied' } },
  'dossier.synced': { subject: DOSSIER, data: { agencyCode: 'H12.34', target: 'national_portal' } },
  'workfile.processed': { subject: 'WF-2026-000123', data: { agencyCode: 'H12.34', electronic: true } },
};
const TYPES = Object.keys(EXAMPLES);

function eventOf(type: string, data: Data, subject = EXAMPLES[type].subject): Data {
  return {
    specversion: '1.0',
    id: `evt-${type}`,
    source: '/onestop/quang-binh',
    type,
    time: '2026-03-01T08:30:00+07:00',
    subject,
    data,
  };
}

function errorsOf(raw: unknown): FieldError[] {
  const result = validateCloudEvent(raw, NOW_MS);
  return result.ok ? [] : result.errors;
}

function dataWith(type: string, changes: Data): Data {
  return { ...EXAMPLES[type].data, ...changes };
}

function dataWithout(type: string, field: string): Data {
  const data = { ...EXAMPLES[type].data };
  delete data[field];
  return data;
}

// ---- the fields of each type (SPEC §1), and what values each kind of field takes ----

type Kind =
  | { kind: 'code' }
  | { kind: 'nullableCode' }
  | { kind: 'name' }
  | { kind: 'bool' }
  | { kind: 'timestamp' }
  | { kind: 'amount' }
  | { kind: 'enum'; values: readonly string[] };

const code: Kind = { kind: 'code' };
const name: Kind = { kind: 'name' };
const bool: Kind = { kind: 'bool' };
const timestamp: Kind = { kind: 'timestamp' };
const oneOf = (...values: string[]): Kind => ({ kind: 'enum', values });

/**
 * Every data field of every type. dossier.received's `onlineLevel` and `device` (which depend on the
 * channel) and `channel` itself are covered in their own section below.
 */
const FIELDS: Array<[type: string, field: string, kind: Kind]> = [
  ['agency.registered', 'code', code],
  ['agency.registered', 'name', name],
  ['agency.registered', 'level', oneOf('province', 'department', 'district', 'commune')],
  ['agency.registered', 'parentCode', { kind: 'nullableCode' }],
  ['procedure.published', 'code', code],
  ['procedure.published', 'name', name],
  ['procedure.published', 'agencyCode', code],
  ['procedure.published', 'feeRequired', bool],
  ['procedure.published', 'onlinePayment', bool],
  ['procedure.published', 'onlineLevel', oneOf('full', 'partial', 'none')],
  ['procedure.published', 'mobile', bool],
  ['dossier.received', 'agencyCode', code],
  ['dossier.received', 'procedureCode', code],
  ['dossier.received', 'applicantType', oneOf('citizen', 'business')],
  ['dossier.received', 'identityVerified', bool],
  ['dossier.received', 'dueAt', timestamp],
  ['dossier.transferred', 'agencyCode', code],
  ['dossier.transferred', 'fromAgencyCode', code],
  ['dossier.transferred', 'toAgencyCode', code],
  ['dossier.transferred', 'method', oneOf('electronic', 'paper')],
  ['dossier.paused', 'agencyCode', code],
  ['dossier.paused', 'reason', oneOf('supplement_requested', 'other')],
  ['dossier.resumed', 'agencyCode', code],
  ['dossier.resumed', 'dueAt', timestamp],
  ['dossier.payment_made', 'agencyCode', code],
  ['dossier.payment_made', 'amount', { kind: 'amount' }],
  ['dossier.payment_made', 'method', oneOf('online', 'offline')],
  ['dossier.resolved', 'agencyCode', code],
  ['dossier.resolved', 'outcome', oneOf('approved', 'rejected')],
  ['dossier.resolved', 'dueAt', timestamp],
  ['dossier.withdrawn', 'agencyCode', code],
  ['dossier.result_returned', 'agencyCode', code],
  ['dossier.result_returned', 'method', oneOf('online', 'in_person', 'postal')],
  ['dossier.rated', 'agencyCode', code],
  ['dossier.rated', 'rating', oneOf('very_satisfied', 'satisfied', 'unsatisfied')],
  ['dossier.synced', 'agencyCode', code],
  ['dossier.synced', 'target', oneOf('national_portal')],
  ['workfile.processed', 'agencyCode', code],
  ['workfile.processed', 'electronic', bool],
];

function acceptedValues(k: Kind): Array<[label: string, value: unknown]> {
  switch (k.kind) {
    case 'code':
      return [['1 character', 'A'], ['128 characters', 'C'.repeat(128)], ['a dotted code', 'H12.34.56']];
    case 'nullableCode':
      return [['null', null], ['1 character', 'P'], ['128 characters', 'P'.repeat(128)]];
    case 'name':
      return [['1 character', 'N'], ['512 characters', 'N'.repeat(512)], ['Vietnamese text', 'Ủy ban nhân dân xã Đồng Hới']];
    case 'bool':
      return [['true', true], ['false', false]];
    case 'timestamp':
      return [
        ['a +07:00 timestamp', '2026-03-10T17:00:00+07:00'],
        ['a Z timestamp with fraction', '2026-03-10T10:00:00.123456Z'],
        ['a -05:00 timestamp', '2026-03-10T05:00:00-05:00'],
        ['a far-future deadline', '2031-12-31T23:59:59+07:00'],
      ];
    case 'amount':
      return [['0', 0], ['1', 1], ['50000', 50000], ['the largest safe integer', Number.MAX_SAFE_INTEGER]];
    case 'enum':
      return k.values.map((v) => [`"${v}"`, v]);
  }
}

function refusedValues(k: Kind): Array<[label: string, value: unknown]> {
  const notStrings: Array<[string, unknown]> = [['a number', 42], ['a boolean', true], ['null', null], ['an object', { v: 'x' }], ['an array', ['x']]];
  switch (k.kind) {
    case 'code':
      return [['the empty string', ''], ['129 characters', 'C'.repeat(129)], ...notStrings];
    case 'nullableCode':
      return [['the empty string', ''], ['129 characters', 'P'.repeat(129)], ['a number', 42], ['a boolean', false], ['an object', { code: 'P' }]];
    case 'name':
      return [['the empty string', ''], ['513 characters', 'N'.repeat(513)], ...notStrings];
    case 'bool':
      return [['the string "true"', 'true'], ['the string "false"', 'false'], ['1', 1], ['0', 0], ['null', null], ['"yes"', 'yes']];
    case 'timestamp':
      return [
        ['no offset', '2026-03-10T17:00:00'],
        ['a date only', '2026-03-10'],
        ['February 30', '2026-02-30T17:00:00+07:00'],
        ['hour 24', '2026-03-10T24:00:00Z'],
        ['epoch milliseconds', 1773136800000],
        ['null', null],
        ['a boolean', true],
      ];
    case 'amount':
      return [
        ['1.5', 1.5],
        ['-1', -1],
        ['-0.5', -0.5],
        ['the string "100"', '100'],
        ['an unsafe integer', 2 ** 53],
        ['null', null],
        ['a boolean', true],
      ];
    case 'enum':
      return [
        ['an unknown value', 'unknown'],
        ['an allowed value in upper case', k.values[0].toUpperCase()],
        ['an allowed value with a space', `${k.values[0]} `],
        ['the empty string', ''],
        ['a number', 1],
        ['null', null],
        ['an array of an allowed value', [k.values[0]]],
      ];
  }
}

/**
 * For `code` of the reference types the subject must follow (code = subject), so an accepted code is sent as
 * subject too; a refused one is sent beside the example's subject, so that only `data.code` can be blamed.
 */
function eventWithField(type: string, field: string, value: unknown, syncSubject: boolean): Data {
  const subject = syncSubject && field === 'code' && typeof value === 'string' ? value : EXAMPLES[type].subject;
  return eventOf(type, dataWith(type, { [field]: value }), subject);
}

const FIELD_ROWS = FIELDS.map(([type, field, kind]) => ({ type, field, kind }));
const ACCEPTED_ROWS = FIELDS.flatMap(([type, field, kind]) =>
  acceptedValues(kind).map(([label, value]) => ({ type, field, label, value })),
);
const REFUSED_ROWS = FIELDS.flatMap(([type, field, kind]) =>
  refusedValues(kind).map(([label, value]) => ({ type, field, label, value })),
);

describe('validateCloudEvent — event types and their data (SPEC §1)', () => {
  describe('type', () => {
    it('the code knows exactly the 13 types of SPEC §1', () => {
      expect([...EVENT_TYPES].sort()).toEqual([...TYPES].sort());
      expect(TYPES).toHaveLength(13);
    });

    it.each(TYPES)('accepts a valid %s event and records its data unchanged', (type) => {
      // given
      const raw = eventOf(type, EXAMPLES[type].data);
      // when
      const result = validateCloudEvent(raw, NOW_MS);
      // then
      expect(result.ok ? [] : result.errors).toEqual([]);
      expect(result.ok && result.event.type).toBe(type);
      expect(result.ok && result.event.data).toEqual(EXAMPLES[type].data);
    });
  });

  describe('every data field is required', () => {
    it.each(FIELD_ROWS)('$type without data.$field → "is required" at data.$field', ({ type, field }) => {
      // given
      const raw = eventOf(type, dataWithout(type, field));
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors).toEqual([{ path: `data.${field}`, message: 'is required' }]);
    });
  });

  describe('accepted values', () => {
    it.each(ACCEPTED_ROWS)('$type accepts data.$field = $label', ({ type, field, value }) => {
      // given
      const raw = eventWithField(type, field, value, true);
      // when / then
      expect(errorsOf(raw)).toEqual([]);
    });
  });

  describe('refused values', () => {
    it.each(REFUSED_ROWS)('$type refuses data.$field = $label', ({ type, field, value }) => {
      // given
      const raw = eventWithField(type, field, value, false);
      // when
      const errors = errorsOf(raw);
      // then: only that field is blamed, and not as missing
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((e) => e.path)).toEqual(errors.map(() => `data.${field}`));
      expect(errors.map((e) => e.message)).not.toContain('is required');
    });
  });

  describe('unknown data fields', () => {
    it.each(TYPES)('%s refuses an unknown field at data.<name>', (type) => {
      // given
      const raw = eventOf(type, dataWith(type, { note: 'hello' }));
      // when / then
      expect(errorsOf(raw)).toEqual([{ path: 'data.note', message: expect.any(String) }]);
    });

    it.each(TYPES)('%s refuses a `__proto__` key in data (built with JSON.parse)', (type) => {
      // given
      const data = JSON.parse(`{"__proto__":{"agencyCode":"X"},${JSON.stringify(EXAMPLES[type].data).slice(1)}`) as Data;
      expect(Object.keys(data)).toContain('__proto__');
      // when / then
      expect(errorsOf(eventOf(type, data))).toEqual([{ path: 'data.__proto__', message: expect.any(String) }]);
    });

    it.each([
      ['a field name in another case', 'dossier.paused', { AgencyCode: 'H12.34' }, 'data.AgencyCode'],
      ['a field of another type', 'dossier.paused', { outcome: 'approved' }, 'data.outcome'],
      ['onlineLevel on a workfile', 'workfile.processed', { onlineLevel: 'full' }, 'data.onlineLevel'],
      ['agencyCode on an agency', 'agency.registered', { agencyCode: 'H12' }, 'data.agencyCode'],
      ['dueAt on a payment', 'dossier.payment_made', { dueAt: DUE_AT }, 'data.dueAt'],
    ])('refuses %s', (_label, type, extra, path) => {
      expect(errorsOf(eventOf(type, dataWith(type, extra)))).toEqual([{ path, message: expect.any(String) }]);
    });
  });

  describe('code = subject for agency.registered and procedure.published', () => {
    it.each(['agency.registered', 'procedure.published'])('%s accepts data.code equal to subject', (type) => {
      expect(errorsOf(eventOf(type, dataWith(type, { code: 'SAME-1' }), 'SAME-1'))).toEqual([]);
    });

    it.each(['agency.registered', 'procedure.published'])('%s refuses data.code different from subject', (type) => {
      // given
      const raw = eventOf(type, dataWith(type, { code: 'OTHER' }), 'SAME-1');
      // when / then
      expect(errorsOf(raw)).toEqual([{ path: 'data.code', message: expect.not.stringMatching(/^is required$/) }]);
    });

    it('compares code and subject exactly (case matters)', () => {
      const raw = eventOf('agency.registered', dataWith('agency.registered', { code: 'h12.34' }), 'H12.34');
      expect(errorsOf(raw).map((e) => e.path)).toEqual(['data.code']);
    });

    it('does not require data.code = subject on dossier events (which have no code)', () => {
      expect(errorsOf(eventOf('dossier.paused', EXAMPLES['dossier.paused'].data, 'ANYTHING'))).toEqual([]);
    });
  });

  describe('agency.registered parentCode (string or null)', () => {
    it('accepts null (a root agency)', () => {
      expect(errorsOf(eventOf('agency.registered', dataWith('agency.registered', { code: 'H12', parentCode: null }), 'H12'))).toEqual([]);
    });

    it('refuses a missing parentCode with "is required"', () => {
      expect(errorsOf(eventOf('agency.registered', dataWithout('agency.registered', 'parentCode')))).toEqual([
        { path: 'data.parentCode', message: 'is required' },
      ]);
    });
  });

  describe('dossier.received: channel, onlineLevel (iff online) and device (online only)', () => {
    const T = 'dossier.received';
    const received = (changes: Data, ...remove: string[]): Data => {
      const data = dataWith(T, changes);
      for (const f of remove) delete data[f];
      return eventOf(T, data);
    };

    it.each([
      ['online, full, no device', { channel: 'online', onlineLevel: 'full' }],
      ['online, partial, no device', { channel: 'online', onlineLevel: 'partial' }],
      ['online, full, web', { channel: 'online', onlineLevel: 'full', device: 'web' }],
      ['online, partial, mobile', { channel: 'online', onlineLevel: 'partial', device: 'mobile' }],
      ['in_person without onlineLevel', { channel: 'in_person' }],
      ['postal without onlineLevel', { channel: 'postal' }],
      ['a business applicant, verified', { applicantType: 'business', identityVerified: true }],
    ])('accepts %s', (_label, changes) => {
      expect(errorsOf(received(changes))).toEqual([]);
    });

    it('requires channel', () => {
      expect(errorsOf(received({}, 'channel'))).toEqual([{ path: 'data.channel', message: 'is required' }]);
    });

    it.each([['fax'], ['Online'], ['in-person'], [''], [1], [null]])('refuses channel %p', (channel) => {
      expect(errorsOf(received({ channel }))).toEqual([
        { path: 'data.channel', message: expect.not.stringMatching(/^is required$/) },
      ]);
    });

    it('requires onlineLevel when channel is online', () => {
      expect(errorsOf(received({ channel: 'online' }))).toEqual([{ path: 'data.onlineLevel', message: 'is required' }]);
    });

    it.each([['none'], ['unknown'], ['FULL'], [''], [1], [null], [true]])(
      'refuses onlineLevel %p when channel is online',
      (onlineLevel) => {
        expect(errorsOf(received({ channel: 'online', onlineLevel }))).toEqual([
          { path: 'data.onlineLevel', message: expect.not.stringMatching(/^is required$/) },
        ]);
      },
    );

    it.each([
      ['in_person', 'full'],
      ['in_person', 'partial'],
      ['postal', 'full'],
      ['postal', 'partial'],
      ['postal', 'none'],
    ])('forbids onlineLevel when channel is %s (onlineLevel %p)', (channel, onlineLevel) => {
      // given
      const raw = received({ channel, onlineLevel });
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((e) => e.path)).toEqual(errors.map(() => 'data.onlineLevel'));
      expect(errors.map((e) => e.message)).not.toContain('is required');
    });

    it.each([
      ['in_person', 'web'],
      ['in_person', 'mobile'],
      ['postal', 'web'],
      ['postal', 'mobile'],
    ])('forbids device when channel is %s (device %p)', (channel, device) => {
      // given
      const raw = received({ channel, device });
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((e) => e.path)).toEqual(errors.map(() => 'data.device'));
      expect(errors.map((e) => e.message)).not.toContain('is required');
    });

    it.each([['tablet'], ['WEB'], [''], [1], [null], [true]])('refuses device %p when channel is online', (device) => {
      expect(errorsOf(received({ channel: 'online', onlineLevel: 'full', device }))).toEqual([
        { path: 'data.device', message: expect.not.stringMatching(/^is required$/) },
      ]);
    });

    it('reports a missing onlineLevel and a bad device together', () => {
      // given
      const raw = received({ channel: 'online', device: 'tablet' });
      // when
      const errors = errorsOf(raw);
      // then
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: 'data.onlineLevel', message: 'is required' },
          { path: 'data.device', message: expect.not.stringMatching(/^is required$/) },
        ]),
      );
    });
  });

  describe('several data errors at once', () => {
    it('reports every bad, missing and unknown field of one event with its own path', () => {
      // given
      const data = dataWith('procedure.published', { feeRequired: 'true', onlineLevel: 'mostly', extra: 1 });
      delete data.mobile;
      delete data.name;
      // when
      const errors = errorsOf(eventOf('procedure.published', data));
      // then
      expect(errors).toHaveLength(5);
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: 'data.feeRequired', message: expect.not.stringMatching(/^is required$/) },
          { path: 'data.onlineLevel', message: expect.not.stringMatching(/^is required$/) },
          { path: 'data.extra', message: expect.any(String) },
          { path: 'data.mobile', message: 'is required' },
          { path: 'data.name', message: 'is required' },
        ]),
      );
    });

    it('reports every missing field of an empty data object', () => {
      // given
      const raw = eventOf('dossier.transferred', {});
      // when
      const errors = errorsOf(raw);
      // then
      expect([...errors].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
        { path: 'data.agencyCode', message: 'is required' },
        { path: 'data.fromAgencyCode', message: 'is required' },
        { path: 'data.method', message: 'is required' },
        { path: 'data.toAgencyCode', message: 'is required' },
      ]);
    });
  });
});
