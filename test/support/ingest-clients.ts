/**
 * Clients of the ingest API for the fault tests: each posts pre-serialised batches until it gets 202, waiting
 * as long as a 503's Retry-After says, and every attempt is recorded with its timing, status and message.
 */
import type { CloudEvent } from '@app/contract';
import { distinctCount, eventKey, isAlive, log, sleep } from './faults';
import type { TestStack } from './stack';

export interface Attempt {
  batch: number;
  client: number;
  start: number;
  end: number;
  status: number;
  retryAfter: string | null;
  /** The error message of a refused request (the body's `message`), or the client's own error. */
  error?: string;
}

export interface IngestRun {
  readonly attempts: Attempt[];
  /** The batches (by index) that got a 202. */
  readonly accepted: Set<number>;
  /** Resolves when every batch is accepted or every client gave up. */
  readonly done: Promise<void>;
}

export const ms = (): number => performance.now();

/** One POST of a pre-serialised batch, timed from the request to the end of the response body. */
export async function post(stack: TestStack, body: string): Promise<Omit<Attempt, 'batch' | 'client'>> {
  const start = ms();
  try {
    const res = await fetch(stack.url('ingest-api', '/v1/events'), {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/cloudevents-batch+json' },
      body,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const attempt = { start, end: ms(), status: res.status, retryAfter: res.headers.get('retry-after') };
    return res.status === 202 ? attempt : { ...attempt, error: messageOf(text) };
  } catch (e) {
    return { start, end: ms(), status: 0, retryAfter: null, error: (e as Error).message };
  }
}

function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

/**
 * `clients` clients that each take the next batch, post it until it gets 202 (after a refusal, waiting as long
 * as Retry-After says, else 1 s), pause `pauseMs`, and go on; until every batch is accepted, or they give up on
 * a batch at `giveUpAt` (a `ms()` time).
 */
export function postAll(stack: TestStack, batches: string[], clients: number, pauseMs: number, giveUpAt: number): IngestRun {
  const attempts: Attempt[] = [];
  const accepted = new Set<number>();
  let next = 0;
  const client = async (c: number) => {
    for (let batch = next++; batch < batches.length; batch = next++) {
      for (;;) {
        const a = { batch, client: c, ...(await post(stack, batches[batch])) };
        attempts.push(a);
        if (a.status === 202) break;
        if (ms() > giveUpAt) {
          log(`client ${c} gives up on batch ${batch} (last answer: ${a.status} ${a.error ?? ''})`);
          return;
        }
        const retryAfter = Number(a.retryAfter);
        await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000);
      }
      accepted.add(batch);
      await sleep(pauseMs);
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, c) => client(c))).then(() => undefined);
  return { attempts, accepted, done };
}

/** A one-line summary of a run: requests by status, the slowest, and each distinct refusal message. */
export function describeRun(attempts: Attempt[]): string {
  const statuses = attempts.reduce<Record<number, number>>((m, a) => ((m[a.status] = (m[a.status] ?? 0) + 1), m), {});
  const reasons = new Map<string, number>();
  for (const a of attempts) if (a.error) reasons.set(a.error, (reasons.get(a.error) ?? 0) + 1);
  const slowest = Math.round(Math.max(0, ...attempts.map((a) => a.end - a.start)));
  const why = [...reasons].map(([m, n]) => `${n}× ${m}`).join('; ');
  return `${attempts.length} requests: ${JSON.stringify(statuses)}; slowest ${slowest} ms${why ? `; refusals: ${why}` : ''}`;
}

/**
 * After a run in which every batch got its 202: the projector caught up, ingest and projector still run, and the
 * events table holds each posted event exactly once and nothing else.
 */
export async function expectEveryEventStoredOnce(stack: TestStack, events: CloudEvent[]): Promise<void> {
  const distinct = distinctCount(events);
  const status = await stack.caughtUp(distinct, 180_000);
  expect(status.eventsApplied).toBe(distinct);
  expect(isAlive(stack.app('ingest-api'))).toBe(true);
  expect(isAlive(stack.app('projector-0'))).toBe(true);
  const stored = await stack.sql<{ source: string; id: string }>('SELECT source, id FROM events');
  expect(stored).toHaveLength(distinct);
  expect(new Set(stored.map(eventKey))).toEqual(new Set(events.map(eventKey)));
}
