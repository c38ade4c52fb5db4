/**
 * The body of `POST /v1/events` (SPEC §3): one event or a batch of 1–1000, as strict UTF-8 JSON of at most
 * 1 MiB. Raw bytes are read by the route's middleware; this decides 413, 415 and 400 before any validation.
 */
import { BadRequestException, HttpException, HttpStatus, UnsupportedMediaTypeException } from '@nestjs/common';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_BATCH = 1000;

const SINGLE = 'application/cloudevents+json';
const BATCH = 'application/cloudevents-batch+json';
const EITHER = 'application/json';
export const ACCEPTED_TYPES = [SINGLE, BATCH, EITHER];

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const bodyError = (message: string) =>
  new BadRequestException({ error: 'validation_failed', details: [{ index: null, path: '', message }] });

/** The media type without parameters, or throws 415. Only the charset parameter is understood (UTF-8). */
export function mediaType(header: string | undefined): string {
  const [type, ...params] = (header ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (!ACCEPTED_TYPES.includes(type) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new UnsupportedMediaTypeException({
      error: 'unsupported_media_type',
      message: `Content-Type must be one of ${ACCEPTED_TYPES.join(', ')} (UTF-8); got ${header ?? 'none'}`,
    });
  }
  return type;
}

export function readEventsBody(contentType: string | undefined, body: unknown): unknown[] {
  const type = mediaType(contentType);
  if (!Buffer.isBuffer(body) || body.length === 0) throw bodyError('the body is empty');
  if (body.length > MAX_BODY_BYTES) throw new HttpException({ error: 'payload_too_large', message: `the body exceeds ${MAX_BODY_BYTES} bytes` }, HttpStatus.PAYLOAD_TOO_LARGE);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw bodyError('the body is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw bodyError(`the body is not valid JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(parsed)) {
    if (type === SINGLE) throw bodyError(`${SINGLE} carries one event; send a batch as ${BATCH}`);
    if (parsed.length < 1 || parsed.length > MAX_BATCH) throw bodyError(`a batch holds 1 to ${MAX_BATCH} events; got ${parsed.length}`);
    return parsed;
  }
  if (type === BATCH) throw bodyError(`${BATCH} must be a JSON array of events`);
  return [parsed];
}
