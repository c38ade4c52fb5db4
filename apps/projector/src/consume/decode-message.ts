/**
 * A Kafka message → a validated event, or the reason it goes to the dead-letter topic. The projector
 * validates exactly as the ingest API does, since producers may write to the topic directly.
 */
import { FieldError, RecordedEvent, validateCloudEvent } from '@app/contract';

export type Decoded =
  | { ok: true; event: RecordedEvent }
  | { ok: false; reason: 'empty' | 'invalid_utf8' | 'invalid_json' | 'validation_failed'; details: FieldError[] | string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeMessage(value: Buffer | null, nowMs: number): Decoded {
  if (!value || value.length === 0) return { ok: false, reason: 'empty', details: 'the message has no value' };
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return { ok: false, reason: 'invalid_utf8', details: 'the value is not valid UTF-8' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'invalid_json', details: (e as Error).message };
  }
  const result = validateCloudEvent(raw, nowMs);
  return result.ok ? { ok: true, event: result.event } : { ok: false, reason: 'validation_failed', details: result.errors };
}
