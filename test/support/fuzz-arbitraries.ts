/**
 * fast-check arbitraries of malformed input for the ingest API and the topic (issue 5 item 4, "bad input at scale").
 * Every malformed case starts from a valid event (or valid bytes) and applies at least one breaking mutation;
 * an oracle written from SPEC §1 and §3 (`refusedOverHttp`, `refusedOnTopic`) filters out the rare case a
 * mutation leaves valid, so what is sent is malformed by construction and by check.
 */
import fc from 'fast-check';
import { validateCloudEvent } from '@app/contract';

export const FUZZ_SOURCE = '/onestop/test';
/** Agencies the fuzz producer key may post for (its tree: Q and Q-X). */
export const IN_SCOPE = new Set(['Q', 'Q-X']);

const utf8 = new TextDecoder('utf-8', { fatal: true });

// ---- JSON text that JSON.stringify cannot write: numbers like 1e400, -0, and 10,000-deep nesting ----
const RAW_MARK = '\u0001RAW:';
export const raw = (text: string): string => `${RAW_MARK}${Buffer.from(text).toString('base64')}\u0001`;
const RAW_PATTERN = /"\\u0001RAW:([A-Za-z0-9+/=]*)\\u0001"/g;
export const toJsonText = (value: unknown): string =>
  JSON.stringify(value).replace(RAW_PATTERN, (_, b64: string) => Buffer.from(b64, 'base64').toString());
export const toJsonBytes = (value: unknown): Buffer => Buffer.from(toJsonText(value), 'utf8');

/** Sets a key as an own enumerable property, even `__proto__`, so JSON.stringify writes it. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
export const deepObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

// ---- valid events ----
const DAY = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
const HOUR = fc.integer({ min: 0, max: 23 }).map((h) => String(h).padStart(2, '0'));
const TIME = fc.tuple(DAY, HOUR).map(([d, h]) => `2026-04-${d}T${h}:00:00+07:00`);
const DUE = fc.tuple(DAY, HOUR).map(([d, h]) => `2026-05-${d}T${h}:00:00+07:00`);
const AGENCY = fc.constantFrom('Q', 'Q-X');

const DATA_BY_TYPE: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'dossier.received': fc
    .record({ agencyCode: AGENCY, channel: fc.constantFrom('online', 'in_person', 'postal'), onlineLevel: fc.constantFrom('full', 'partial'),
      applicantType: fc.constantFrom('citizen', 'business'), identityVerified: fc.boolean(), dueAt: DUE })
    .map(({ onlineLevel, ...d }) => ({ ...d, procedureCode: 'P-1', ...(d.channel === 'online' ? { onlineLevel } : {}) })),
  'dossier.transferred': fc.record({ agencyCode: AGENCY, method: fc.constantFrom('electronic', 'paper') }).map((d) => ({ ...d, fromAgencyCode: d.agencyCode, toAgencyCode: 'OTHER' })),
  'dossier.paused': fc.record({ agencyCode: AGENCY, reason: fc.constantFrom('supplement_requested', 'other') }),
  'dossier.resumed': fc.record({ agencyCode: AGENCY, dueAt: DUE }),
  'dossier.payment_made': fc.record({ agencyCode: AGENCY, amount: fc.integer({ min: 0, max: 5_000_000 }), method: fc.constantFrom('online', 'offline') }),
  'dossier.resolved': fc.record({ agencyCode: AGENCY, outcome: fc.constantFrom('approved', 'rejected'), dueAt: DUE }),
  'dossier.withdrawn': fc.record({ agencyCode: AGENCY }),
  'dossier.result_returned': fc.record({ agencyCode: AGENCY, method: fc.constantFrom('online', 'in_person', 'postal') }),
  'dossier.rated': fc.record({ agencyCode: AGENCY, rating: fc.constantFrom('very_satisfied', 'satisfied', 'unsatisfied') }),
  'dossier.synced': fc.record({ agencyCode: AGENCY, target: fc.constant('national_portal') }),
  'workfile.processed': fc.record({ agencyCode: AGENCY, electronic: fc.boolean() }),
  'procedure.published': fc.record({ agencyCode: AGENCY, feeRequired: fc.boolean(), onlinePayment: fc.boolean(),
    onlineLevel: fc.constantFrom('full', 'partial', 'none'), mobile: fc.boolean() }),
};
const ENUM_FIELDS: Record<string, string[]> = {
  'dossier.received': ['channel', 'applicantType'], 'dossier.transferred': ['method'], 'dossier.paused': ['reason'],
  'dossier.payment_made': ['method'], 'dossier.resolved': ['outcome'], 'dossier.result_returned': ['method'],
  'dossier.rated': ['rating'], 'dossier.synced': ['target'], 'procedure.published': ['onlineLevel'],
};
const TYPES = Object.keys(DATA_BY_TYPE);

export type Event = Record<string, any>;

export const validEvent: fc.Arbitrary<Event> = fc
  .tuple(fc.constantFrom(...TYPES), fc.nat(), TIME)
  .chain(([type, n, time]) =>
    DATA_BY_TYPE[type].map((d): Event => {
      const subject = type === 'procedure.published' ? `PROC-${n}` : `D-${n}`;
      const data = type === 'procedure.published' ? { code: subject, name: `Procedure ${n}`, ...d } : d;
      return { specversion: '1.0', id: `fz-${n}`, source: FUZZ_SOURCE, type, time, subject, datacontenttype: 'application/json', data };
    }),
  );

// ---- hostile values ----
const HOSTILE = [
  "' OR '1'='1", "'; DROP TABLE events; --", '1; SELECT pg_sleep(10)--', "Robert'); DELETE FROM projector_offsets;--",
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '${7*7}', '{{7*7}}', '../../etc/passwd',
  '%00', '\u0000', '\ud800', '\udfff', '\u202e', '😀', 'NaN', 'Infinity', '-Infinity', '-0', 'null', 'undefined', 'true',
  '[object Object]', '__proto__', 'constructor', '1e400', 'dossier.receivеd' /* Cyrillic е */, 'DOSSIER.RECEIVED', ' online', 'online ',
];
export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.tuple(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })).map(([a, b]) => a + b),
);
const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double({ noDefaultInfinity: true, noNaN: true }), fc.boolean(), fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constantFrom(raw('1e400'), raw('-1e400'), raw('-0'), raw('1E+999'), raw('-1e-400'), raw('123456789012345678901234567890')),
  fc.integer({ min: 50, max: 2000 }).map((d) => raw(deepArrays(d))),
);
const longString = (min: number, max: number) =>
  fc.tuple(fc.integer({ min, max }), fc.constantFrom('x', 'é', '😀', "'", '<')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

type Mutation = (ev: Event) => void;
const requiredPaths = (ev: Event): string[] => {
  const data = isObject(ev.data) ? Object.keys(ev.data).map((k) => `data.${k}`) : [];
  return ['specversion', 'id', 'source', 'type', 'time', 'subject', 'data', ...data.filter((p) => p !== 'data.onlineLevel' && p !== 'data.device')];
};
function setPath(ev: Event, path: string, value: unknown): void {
  if (path.startsWith('data.') && isObject(ev.data)) setOwn(ev.data, path.slice(5), value);
  else if (!path.startsWith('data.')) setOwn(ev, path, value);
}
function deletePath(ev: Event, path: string): void {
  if (path.startsWith('data.')) {
    if (isObject(ev.data)) delete ev.data[path.slice(5)];
  }
  else delete ev[path];
}
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Mutations that make an event invalid per SPEC §1 on their own (the oracle double-checks). */
const breaking: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (ev) => deletePath(ev, pick(requiredPaths(ev), n))),
  fc.tuple(fc.nat(), wrongTypeValue).map(([n, v]): Mutation => (ev) => setPath(ev, pick(requiredPaths(ev), n), v)),
  fc.tuple(fc.constantFrom('id', 'subject', 'data.agencyCode', 'source'), fc.boolean(), longString(300, 4000)).map(
    ([path, empty, long]): Mutation => (ev) => setPath(ev, path, empty ? '' : long),
  ),
  fc.tuple(fc.nat(), hostileString).map(([n, s]): Mutation => (ev) => {
    const fields = typeof ev.type === 'string' && Object.hasOwn(ENUM_FIELDS, ev.type) ? ENUM_FIELDS[ev.type] : undefined;
    if (fields) setPath(ev, `data.${pick(fields, n)}`, s);
    else setOwn(ev, 'type', s);
  }),
  fc.tuple(fc.boolean(), fc.constantFrom('2026-04-02 08:00', '2026-04-02T08:00:00', '2026-04-02', '1999-12-31T23:59:59Z', '2099-01-01T00:00:00+07:00',
    '2026-02-30T00:00:00Z', '2026-04-02T25:00:00+07:00', '2026-04-02T08:00:00+24:00', '', 'NaN', 'now', '1743580800', "2026-04-02T08:00:00Z'; --")).map(
    ([due, t]): Mutation => (ev) => setPath(ev, due && isObject(ev.data) && 'dueAt' in ev.data ? 'data.dueAt' : 'time', t),
  ),
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isAdmin', 'pad', 'AgencyCode', ' agencyCode', 'agencyCode\u0000', '<b>x</b>', "x' OR 1=1"), wrongTypeValue).map(
    ([key, v]): Mutation => (ev) => {
      if (isObject(ev.data)) setOwn(ev.data, key, v);
      else setOwn(ev, 'Bad-Attr', v);
    },
  ),
  fc.tuple(fc.constantFrom('Traceparent', 'my-ext', 'a'.repeat(21), '__proto__', 'data_base64', '', 'ext.name', 'ÿ', 'ext name', '$where'), hostileString).map(
    ([name, v]): Mutation => (ev) => setOwn(ev, name, v),
  ),
  fc.tuple(fc.constantFrom('traceid', 'constructor', 'prototype', 'tostring', 'partitionkey'),
    fc.oneof(wrongTypeValue.filter((v) => typeof v !== 'boolean' && !Number.isSafeInteger(v) && typeof v !== 'string'), longString(1025, 3000), fc.constant(1.5))).map(
    ([name, v]): Mutation => (ev) => setOwn(ev, name, v),
  ),
  fc.constantFrom<unknown>('1.1', '0.3', '', 1, raw('1.0'), '1.0 ', null).map((v): Mutation => (ev) => setOwn(ev, 'specversion', v)),
  fc.constantFrom<unknown>('text/xml', 'application/xml', 'text/plain', '', 1, 'application/cloudevents+json').map((v): Mutation => (ev) => setOwn(ev, 'datacontenttype', v)),
  fc.oneof(fc.constantFrom<unknown>('{}', null, 0, true, [], raw(deepArrays(500))), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 })).map((v): Mutation => (ev) => setOwn(ev, 'data', v)),
  fc.constantFrom<unknown>(-1, 1.5, raw('9007199254740992'), raw('1e400'), raw('-1e400'), 'NaN', 'Infinity', '-0', '100', null, raw('-1e-400')).map(
    (v): Mutation => (ev) => setPath(ev, ev.type === 'dossier.payment_made' && isObject(ev.data) ? 'data.amount' : 'data.agencyCode', v),
  ),
  fc.constantFrom<[string, unknown]>(
    ['__proto__', { isAdmin: true, agencyCode: 'Q', role: 'admin' }], ['constructor', { prototype: { polluted: 'yes' } }],
    ['prototype', { polluted: 'yes' }], ['__proto__', null],
  ).chain(([key, v]) => fc.boolean().map((inData): Mutation => (ev) => {
    const target = inData && isObject(ev.data) ? ev.data : ev;
    setOwn(target, key, structuredClone(v));
  })),
);

/** Mutations that are out of the producer key's scope (SPEC §3: 403), valid in shape: HTTP only. */
const outOfScope: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom('/onestop/elsewhere', '/admin', '/onestop/test/', '/ONESTOP/TEST').map((s): Mutation => (ev) => setOwn(ev, 'source', s)),
  fc.constantFrom('OTHER', 'NOPE', 'q-x', 'Q-X ').map((a): Mutation => (ev) => setPath(ev, 'data.agencyCode', a)),
  fc.constantFrom('Q-Y', 'OTHER-Z').map((code): Mutation => (ev) => {
    Object.assign(ev, { type: 'agency.registered', subject: code, data: { code, name: `Agency ${code}`, level: 'commune', parentCode: 'Q' } });
  }),
);

/** Changes that may leave an event valid (hostile but legal strings, extension attributes, -0), applied before breaking ones. */
const noise: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.constantFrom('id', 'subject'), hostileString.filter((s) => s.length >= 1 && s.length <= 128)).map(([p, s]): Mutation => (ev) => setOwn(ev, p, s)),
  fc.tuple(fc.constantFrom('traceid', 'comexampleext', 'sql', 'html'), hostileString).map(([n, s]): Mutation => (ev) => setOwn(ev, n, s)),
  fc.constant<Mutation>((ev) => ev.type === 'dossier.payment_made' && setPath(ev, 'data.amount', raw('-0'))),
);

const clone = (ev: Event): Event => JSON.parse(JSON.stringify(ev));
const mutate = (ev: Event, muts: Mutation[], pre: Mutation[] = []): Event => {
  const e = clone(ev);
  for (const m of [...pre, ...muts]) m(e);
  return e;
};

/** An event broken by one to three breaking mutations, possibly with hostile-but-legal noise. */
export const invalidEvent: fc.Arbitrary<Event> = fc
  .tuple(validEvent, fc.array(breaking, { minLength: 1, maxLength: 3 }), fc.array(noise, { maxLength: 2 }))
  .map(([ev, muts, pre]) => mutate(ev, muts, pre));
export const outOfScopeEvent: fc.Arbitrary<Event> = fc.tuple(validEvent, outOfScope).map(([ev, m]) => mutate(ev, [m]));

// ---- the oracle, from SPEC §1 and §3 (not from the services' code paths) ----
function parseBytes(body: Buffer | null): { ok: true; value: unknown } | { ok: false } {
  if (!body || body.length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(utf8.decode(body)) };
  } catch {
    return { ok: false };
  }
}
const isValidEvent = (e: unknown) => validateCloudEvent(e, Date.now()).ok;
const inScope = (e: any) => e.source === FUZZ_SOURCE && e.type !== 'agency.registered' && IN_SCOPE.has(e.data.agencyCode);
const SINGLE_TYPES = ['application/json', 'application/cloudevents+json', 'application/json; charset=utf-8', 'application/cloudevents+json; charset=utf-8'];
const BATCH_TYPES = ['application/json', 'application/cloudevents-batch+json', 'application/json; charset=utf-8', 'application/cloudevents-batch+json; charset=utf-8'];

export interface HttpCase { kind: string; body: Buffer; contentType?: string; auth: 'producer' | 'none' | 'bogus'; expect?: number }

/** True when SPEC §3 has the ingest API refuse the request (so it must not be 2xx). */
export function refusedOverHttp(c: HttpCase): boolean {
  if (c.auth !== 'producer' || c.body.length > 1024 * 1024) return true;
  const parsed = parseBytes(c.body);
  if (!parsed.ok) return true;
  const events = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const typeOk = Array.isArray(parsed.value) ? BATCH_TYPES.includes(c.contentType ?? '') : SINGLE_TYPES.includes(c.contentType ?? '');
  if (!typeOk || events.length < 1 || events.length > 1000) return true;
  return !events.every((e) => isValidEvent(e) && inScope(e));
}

/** True when the projector must send the message to the DLQ (SPEC §3 "Topic": validated like the ingest API). */
export function refusedOnTopic(value: Buffer | null): boolean {
  const parsed = parseBytes(value);
  return !parsed.ok || !isValidEvent(parsed.value);
}

// ---- HTTP requests ----
const EVENT_SINGLE_TYPE = fc.constantFrom('application/json', 'application/cloudevents+json', 'application/json; charset=utf-8');
const EVENT_BATCH_TYPE = fc.constantFrom('application/json', 'application/cloudevents-batch+json');
const BAD_BYTES = [[0xff], [0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xc3, 0x28]];
const badBytes = fc.constantFrom(...BAD_BYTES).map((b) => Buffer.from(b));

/** Invalid bytes spliced into otherwise fine JSON text. */
export const invalidUtf8 = (base: fc.Arbitrary<Buffer>) =>
  fc.tuple(base, fc.nat(), fc.array(badBytes, { minLength: 1, maxLength: 3 })).map(([b, at, bad]) => {
    const i = at % (b.length + 1);
    return Buffer.concat([b.subarray(0, i), ...bad, b.subarray(i)]);
  }).filter((b) => {
    // Two partial sequences can join into a valid character: keep only bytes that really are not UTF-8.
    try {
      utf8.decode(b);
      return false;
    } catch {
      return true;
    }
  });
/** JSON text broken: truncated, a character inserted, or a classic non-JSON form. */
export const invalidJson = (base: fc.Arbitrary<Buffer>) =>
  fc.oneof(
    fc.tuple(base, fc.nat()).map(([b, at]) => b.subarray(0, 1 + (at % Math.max(1, b.length - 1)))),
    fc.tuple(base, fc.nat(), fc.constantFrom('{', '}', ',', '"', ':', "'", '\\', ']', '\u0000', 'NaN', 'undefined', '//')).map(([b, at, ch]) => {
      const t = b.toString('utf8');
      const i = at % (t.length + 1);
      return Buffer.from(t.slice(0, i) + ch + t.slice(i));
    }),
    fc.constantFrom('NaN', 'undefined', "{'specversion':'1.0'}", '[1,]', '{"a":1,}', '{"a":1}{"a":1}', '//c\n{}', '{"a":01}', '{"a":0x10}',
      '{"a":"\\x41"}', '{"a":"tab\there"}', '[', '{', '"', 'nul', 'tru', '{"a" 1}', '{a:1}', '<event/>', 'id=1&type=x').map((s) => Buffer.from(s)),
    fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  ).filter((b) => !parseBytes(b).ok); // an inserted character can leave JSON valid: keep only what does not parse
const jsonGarbage = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 5 }),
  fc.constantFrom<unknown>(0, -0, null, true, '', 'dossier.received', [null], [[]], [{}], {}),
);
const validBody = fc.oneof(validEvent, fc.array(validEvent, { minLength: 1, maxLength: 5 }));

export const httpCase: fc.Arbitrary<HttpCase> = fc
  .oneof(
    { weight: 30, arbitrary: fc.tuple(invalidEvent, EVENT_SINGLE_TYPE).map(([e, t]): HttpCase => ({ kind: 'invalid event', body: toJsonBytes(e), contentType: t, auth: 'producer' })) },
    {
      weight: 20,
      arbitrary: fc.tuple(fc.array(validEvent, { maxLength: 8 }), fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: invalidEvent }, { weight: 1, arbitrary: outOfScopeEvent }), fc.nat()), { minLength: 1, maxLength: 3 }), EVENT_BATCH_TYPE).map(
        ([valid, bad, t]): HttpCase => {
          const batch = [...valid];
          for (const [e, at] of bad) batch.splice(at % (batch.length + 1), 0, e);
          return { kind: 'mixed batch', body: toJsonBytes(batch), contentType: t, auth: 'producer' };
        },
      ),
    },
    { weight: 5, arbitrary: fc.tuple(outOfScopeEvent, EVENT_SINGLE_TYPE).map(([e, t]): HttpCase => ({ kind: 'out of scope', body: toJsonBytes(e), contentType: t, auth: 'producer', expect: 403 })) },
    { weight: 8, arbitrary: jsonGarbage.map((v): HttpCase => ({ kind: 'JSON not events', body: toJsonBytes(v), contentType: 'application/json', auth: 'producer' })) },
    { weight: 10, arbitrary: fc.tuple(invalidJson(validBody.map(toJsonBytes)), fc.constantFrom('application/json', 'application/cloudevents+json', 'application/cloudevents-batch+json')).map(([b, t]): HttpCase => ({ kind: 'invalid JSON', body: b, contentType: t, auth: 'producer', expect: 400 })) },
    { weight: 8, arbitrary: fc.tuple(invalidUtf8(validBody.map(toJsonBytes)), EVENT_SINGLE_TYPE).map(([b, t]): HttpCase => ({ kind: 'invalid UTF-8', body: b, contentType: t, auth: 'producer', expect: 400 })) },
    {
      weight: 8,
      arbitrary: fc.tuple(validBody, fc.constantFrom<string | undefined>('text/plain', 'application/xml', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
        'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/jsonp', 'application/cloudevents', 'application/*', '*/*', 'json', undefined,
        'application/cloudevents+xml', 'application/json, text/plain', 'application/cloudevents-batch+json', 'application/cloudevents+json')).map(
        ([v, t]): HttpCase => ({ kind: 'wrong content type', body: toJsonBytes(v), contentType: t, auth: 'producer' }),
      ),
    },
    { weight: 2, arbitrary: fc.tuple(validEvent, fc.constantFrom<'none' | 'bogus'>('none', 'bogus')).map(([e, auth]): HttpCase => ({ kind: 'no or bad key', body: toJsonBytes(e), contentType: 'application/json', auth, expect: 401 })) },
  )
  .filter(refusedOverHttp);

/** Big bodies: within 1 MiB (400) and over it (413), some of them valid JSON of a valid event padded with spaces. */
export const hugeHttpCase: fc.Arbitrary<HttpCase> = fc
  .tuple(validEvent, fc.boolean(), fc.constantFrom('id', 'subject', 'pad', 'data.agencyCode', 'spaces'), fc.integer({ min: 100_000, max: 1_400_000 }))
  .map(([ev, _, where, size]): HttpCase => {
    const e = clone(ev);
    const body = where === 'spaces' ? Buffer.concat([Buffer.from(' '.repeat(size)), toJsonBytes(e)]) : (setPath(e, where, 'x'.repeat(size)), toJsonBytes(e));
    return { kind: body.length > 1024 * 1024 ? 'huge, over 1 MiB' : 'huge, within 1 MiB', body, contentType: 'application/json', auth: 'producer', expect: body.length > 1024 * 1024 ? 413 : 400 };
  })
  .filter(refusedOverHttp);

/** 10,000 to 100,000 levels of nesting: as the body, as data, in a data field, in an extension, in a batch. */
export const deepHttpCase: fc.Arbitrary<HttpCase> = fc
  .tuple(validEvent, fc.constantFrom(10_000, 20_000, 100_000), fc.boolean(), fc.constantFrom('body', 'data', 'data.agencyCode', 'ext', 'batch'))
  .map(([ev, depth, arrays, where]): HttpCase => {
    const nested = arrays ? deepArrays(depth) : deepObjects(depth);
    const e = clone(ev);
    let body: Buffer;
    if (where === 'body') body = Buffer.from(nested);
    else if (where === 'batch') body = Buffer.from(`[${toJsonText(e)},${nested}]`);
    else {
      if (where === 'ext') e.nested = raw(nested);
      else setPath(e, where, raw(nested));
      body = toJsonBytes(e);
    }
    return { kind: 'deep nesting', body, contentType: 'application/json', auth: 'producer', expect: 400 };
  })
  .filter(refusedOverHttp);

/** A valid batch of 1001 events, and an empty batch. */
export const batchSizeCases = (events: Event[]): HttpCase[] => [
  { kind: 'batch size', body: Buffer.from('[]'), contentType: 'application/cloudevents-batch+json', auth: 'producer', expect: 400 },
  { kind: 'batch size', body: toJsonBytes(events.slice(0, 1001)), contentType: 'application/cloudevents-batch+json', auth: 'producer', expect: 400 },
];

// ---- raw topic messages ----
export interface TopicCase { kind: string; value: Buffer | null; key: string | null }
const topicKey = fc.option(hostileString, { nil: null });
export const topicCase: fc.Arbitrary<TopicCase> = fc
  .tuple(
    fc.oneof(
      { weight: 40, arbitrary: invalidEvent.map((e) => ({ kind: 'invalid event', value: toJsonBytes(e) as Buffer | null })) },
      { weight: 15, arbitrary: invalidJson(validEvent.map(toJsonBytes)).map((value) => ({ kind: 'invalid JSON', value })) },
      { weight: 15, arbitrary: invalidUtf8(validEvent.map(toJsonBytes)).map((value) => ({ kind: 'invalid UTF-8', value })) },
      { weight: 12, arbitrary: fc.oneof(jsonGarbage, fc.array(validEvent, { minLength: 1, maxLength: 3 })).map((v) => ({ kind: 'JSON not an event', value: toJsonBytes(v) })) },
      { weight: 3, arbitrary: fc.constant({ kind: 'empty value', value: Buffer.alloc(0) }) },
      { weight: 3, arbitrary: fc.constant({ kind: 'null value', value: null }) },
    ),
    topicKey,
  )
  .map(([m, key]): TopicCase => ({ ...m, key }))
  .filter((c) => refusedOnTopic(c.value));

/** Fewer, bigger messages: 10,000-deep nesting and strings of 100-300 kB (the broker takes up to 1 MB). */
export const bigTopicCase: fc.Arbitrary<TopicCase> = fc
  .tuple(validEvent, fc.constantFrom('deep body', 'deep data', 'long id', 'long extension'), fc.integer({ min: 100_000, max: 300_000 }))
  .map(([ev, what, size]): TopicCase => {
    const e = clone(ev);
    if (what === 'deep body') return { kind: 'deep nesting', value: Buffer.from(deepArrays(10_000)), key: e.subject };
    if (what === 'deep data') e.data = raw(deepObjects(10_000));
    else if (what === 'long id') e.id = 'x'.repeat(size);
    else e.pad = 'y'.repeat(size);
    return { kind: what.startsWith('deep') ? 'deep nesting' : 'huge', value: toJsonBytes(e), key: e.subject };
  })
  .filter((c) => refusedOnTopic(c.value));
