/**
 * What became of the events posted to `POST /v1/events`: accepted, or rejected and why.
 *
 * Counting rule: the unit is events. A request's events are counted when its body can be parsed as JSON
 * (an array counts its elements, anything else one); a body that cannot be parsed (empty, not UTF-8, not
 * JSON, or refused unread as too large) counts as one event, so that every rejected request moves the
 * counter. Bodies the route never parsed (401, 403 by role, 429, 415) are parsed here after the response
 * has gone, so counting costs a refused client nothing in latency.
 *
 * The reason follows from the status, which every path out of the route sets: guard (401/403), body
 * parser (413), media-type check (415), rate limiter (429), validation (400), scope (403), bus (503).
 */
import { registry } from '@app/platform';
import type { NextFunction, Request, Response } from 'express';
import { Counter } from 'prom-client';
import { MAX_BODY_BYTES } from './read-events-body';

export const eventsAccepted = new Counter({
  name: 'ingest_events_accepted_total',
  help: 'Events acknowledged by Kafka and answered 202',
  registers: [registry],
});

export const eventsRejected = new Counter({
  name: 'ingest_events_rejected_total',
  help: 'Events refused, by reason (a body that cannot be parsed counts as one event)',
  labelNames: ['reason'] as const,
  registers: [registry],
});

/** Requests rather than events; unlike http_request_duration_seconds it also sees the body parser's 413s. */
export const requests = new Counter({
  name: 'ingest_requests_total',
  help: 'Requests to POST /v1/events, by status',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const REJECTION_REASONS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'bus_unavailable',
};

/** Set by the route once it has parsed the body, so that the events are not parsed twice. */
const EVENT_COUNT = 'eventCount';
export const noteEventCount = (res: Response, count: number): void => void (res.locals[EVENT_COUNT] = count);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function eventsInBody(body: unknown): number {
  if (!Buffer.isBuffer(body) || body.length === 0 || body.length > MAX_BODY_BYTES) return 1;
  try {
    const parsed: unknown = JSON.parse(utf8.decode(body));
    return Array.isArray(parsed) ? Math.max(1, parsed.length) : 1;
  } catch {
    return 1;
  }
}

const reasonOf = (status: number): string => REJECTION_REASONS[status] ?? (status >= 500 ? 'internal_error' : 'other');

/** Express middleware for the events route, mounted before the body parser so that 413s are counted too. */
export function countEventOutcomes(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'POST' && req.path === '/') {
    res.once('finish', () => {
      requests.inc({ status: String(res.statusCode) });
      const known = res.locals[EVENT_COUNT] as number | undefined;
      if (res.statusCode === 202) eventsAccepted.inc(known ?? 0);
      else eventsRejected.inc({ reason: reasonOf(res.statusCode) }, known ?? eventsInBody(req.body));
    });
  }
  next();
}
