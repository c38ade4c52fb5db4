/**
 * One batch to the ingest API with a bounded retry: 429/503 (and network failures) are retried after the
 * server's Retry-After, capped, for a fixed number of attempts; then the batch is given up and reported.
 */
import type { CloudEvent } from '@app/contract';
import type { PostOutcome } from './ingest-client';

export interface EventPoster {
  postEvents(key: string, events: CloudEvent[]): Promise<PostOutcome>;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export interface RetryPolicy {
  /** Attempts per batch, the first included. */
  attempts: number;
  /** The longest wait honoured between attempts, whatever Retry-After says. */
  maxWaitMs: number;
}

export type SendResult =
  | { kind: 'accepted'; accepted: number; retries: number }
  | { kind: 'rejected'; status: number; message: string; details: { index?: number | null; path?: string; message?: string }[]; retries: number }
  | { kind: 'gave_up'; message: string; retries: number };

export async function sendWithRetries(
  poster: EventPoster, key: string, events: CloudEvent[], policy: RetryPolicy, clock: Clock, signal?: AbortSignal,
): Promise<SendResult> {
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = await poster.postEvents(key, events);
    if (outcome.kind === 'accepted') return { kind: 'accepted', accepted: outcome.accepted, retries };
    if (outcome.kind === 'rejected') return { ...outcome, retries };
    if (attempt >= policy.attempts || signal?.aborted) {
      return { kind: 'gave_up', retries, message: `gave up after ${attempt} attempt${attempt > 1 ? 's' : ''}: ${outcome.message}` };
    }
    retries++;
    await clock.sleep(Math.min(Math.max(outcome.retryAfterMs, 100), policy.maxWaitMs), signal);
  }
}

/** Splits a batch so that each request body stays under the API's 1 MiB limit. */
export function splitBySize(events: CloudEvent[], maxBytes = 900_000): CloudEvent[][] {
  if (events.length <= 1 || Buffer.byteLength(JSON.stringify(events)) <= maxBytes) return [events];
  const half = Math.ceil(events.length / 2);
  return [...splitBySize(events.slice(0, half), maxBytes), ...splitBySize(events.slice(half), maxBytes)];
}
