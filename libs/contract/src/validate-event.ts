/**
 * Validation of one CloudEvent against SPEC §1, shared by the ingest API (answering 400) and the projector
 * (sending the message to the dead-letter topic). Pure: the clock comes in as `nowMs`.
 */
import { ValidationError, getMetadataStorage, length, validateSync } from 'class-validator';
import type { CloudEvent, ExtensionValue, RecordedEvent } from './cloud-event';
import { DATA_CLASSES, MAX_CODE_LENGTH } from './event-data.dto';
import { EVENT_TYPES, EventType } from './event-types';
import { parseRfc3339 } from './rfc3339';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `data.channel`; empty for the event as a whole. */
  path: string;
  message: string;
}

export type EventValidation =
  | { ok: true; event: RecordedEvent; cloudEvent: CloudEvent }
  | { ok: false; errors: FieldError[] };

export const FUTURE_TOLERANCE_MS = 5 * 60_000;
export const EARLIEST_EVENT_MS = Date.UTC(2000, 0, 1);

const CORE_ATTRIBUTES = new Set(['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'dataschema', 'data']);
const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkString(errors: FieldError[], obj: Record<string, unknown>, field: string, max: number): void {
  const v = obj[field];
  if (v === undefined) errors.push({ path: field, message: 'is required' });
  else if (typeof v !== 'string') errors.push({ path: field, message: 'must be a string' });
  else if (!length(v, 1, max)) errors.push({ path: field, message: `must be 1 to ${max} characters long` });
}

function checkTime(errors: FieldError[], time: unknown, nowMs: number): void {
  if (time === undefined) return void errors.push({ path: 'time', message: 'is required' });
  const instant = typeof time === 'string' ? parseRfc3339(time) : null;
  if (!instant) {
    errors.push({ path: 'time', message: 'must be an RFC 3339 timestamp with an offset (e.g. 2026-03-01T08:30:00+07:00)' });
  } else if (instant.epochMs > nowMs + FUTURE_TOLERANCE_MS) {
    errors.push({ path: 'time', message: 'must not be more than 5 minutes in the future' });
  } else if (instant.epochMs < EARLIEST_EVENT_MS) {
    errors.push({ path: 'time', message: 'must not be before 2000-01-01' });
  }
}

function flatten(errors: ValidationError[], target: Record<string, unknown>, prefix: string): FieldError[] {
  return errors.map((e) => ({
    path: `${prefix}${e.property}`,
    message: target[e.property] === undefined ? 'is required' : Object.values(e.constraints ?? {}).join('; '),
  }));
}

function checkData(errors: FieldError[], type: EventType, data: Record<string, unknown>): void {
  const DataClass = DATA_CLASSES[type];
  const instance = new DataClass() as unknown as Record<string, unknown>;
  const known = dataFields(type);
  for (const key of Object.keys(data)) {
    if (!known.has(key)) errors.push({ path: `data.${key}`, message: 'is not a field of ' + type });
    else instance[key] = data[key];
  }
  errors.push(...flatten(validateSync(instance, { forbidUnknownValues: true }), data, 'data.'));
}

/** The field names of each type's data: every property that carries a class-validator decorator. */
const fieldsByType = new Map<EventType, Set<string>>();
function dataFields(type: EventType): Set<string> {
  let fields = fieldsByType.get(type);
  if (!fields) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(DATA_CLASSES[type], '', true, false);
    fields = new Set(metadata.map((m) => m.propertyName));
    fieldsByType.set(type, fields);
  }
  return fields;
}

export function validateCloudEvent(raw: unknown, nowMs: number): EventValidation {
  if (!isPlainObject(raw)) return { ok: false, errors: [{ path: '', message: 'an event must be a JSON object' }] };
  const errors: FieldError[] = [];

  if (raw.specversion !== '1.0') {
    errors.push({ path: 'specversion', message: raw.specversion === undefined ? 'is required' : 'must be "1.0"' });
  }
  checkString(errors, raw, 'id', 128);
  checkString(errors, raw, 'source', 256);
  checkString(errors, raw, 'subject', MAX_CODE_LENGTH);
  checkTime(errors, raw.time, nowMs);
  const type = raw.type;
  const typeOk = typeof type === 'string' && EVENT_TYPE_SET.has(type);
  if (!typeOk) {
    errors.push({ path: 'type', message: type === undefined ? 'is required' : `must be one of: ${EVENT_TYPES.join(', ')}` });
  }
  if (raw.datacontenttype !== undefined && raw.datacontenttype !== 'application/json') {
    errors.push({ path: 'datacontenttype', message: 'must be "application/json" when present' });
  }
  if (raw.dataschema !== undefined && (typeof raw.dataschema !== 'string' || raw.dataschema.length < 1 || raw.dataschema.length > 2048)) {
    errors.push({ path: 'dataschema', message: 'must be a URI string of at most 2048 characters' });
  }
  const extensions: Record<string, ExtensionValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (CORE_ATTRIBUTES.has(name)) continue;
    if (name === 'data_base64') errors.push({ path: name, message: 'binary data is not accepted; send `data` as a JSON object' });
    else if (!EXTENSION_NAME.test(name)) {
      errors.push({ path: name, message: 'is not a CloudEvents attribute (extension names are 1-20 lower-case letters or digits)' });
    } else if (typeof value === 'string' ? value.length > 1024 : !(typeof value === 'boolean' || Number.isSafeInteger(value))) {
      errors.push({ path: name, message: 'an extension attribute must be a string (at most 1024 characters), an integer or a boolean' });
    } else extensions[name] = value as ExtensionValue;
  }

  const data = raw.data;
  if (!isPlainObject(data)) {
    errors.push({ path: 'data', message: data === undefined ? 'is required' : 'must be a JSON object' });
  } else if (typeOk) {
    checkData(errors, type as EventType, data);
    if ((type === 'agency.registered' || type === 'procedure.published') && typeof data.code === 'string' && data.code !== raw.subject) {
      errors.push({ path: 'data.code', message: 'must equal subject' });
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  const cloudEvent = raw as CloudEvent;
  const event = {
    source: cloudEvent.source,
    id: cloudEvent.id,
    type: cloudEvent.type,
    subject: cloudEvent.subject,
    at: parseRfc3339(cloudEvent.time)!.utc,
    data: data as never,
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
  } as RecordedEvent;
  return { ok: true, event, cloudEvent };
}
