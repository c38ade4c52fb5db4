/**
 * The ingest API as the simulator uses it (SPEC §3): liveness, `POST /v1/events` with a batch, and
 * `POST /v1/admin/keys`. Each call answers what happened; deciding to retry is the caller's business.
 */
import type { CloudEvent } from '@app/contract';

export type PostOutcome =
  | { kind: 'accepted'; accepted: number }
  /** 429, 503, another 5xx or a network failure: worth another attempt after `retryAfterMs`. */
  | { kind: 'retry'; status: number | null; retryAfterMs: number; message: string }
  /** Anything else (400, 401, 403, 413, 415): the same request will fail again. */
  | { kind: 'rejected'; status: number; message: string; details: { index?: number | null; path?: string; message?: string }[] };

export class IngestUnreachableError extends Error {}

const BATCH_CONTENT_TYPE = 'application/cloudevents-batch+json';
const DEFAULT_RETRY_AFTER_MS = 1000;

export class IngestClient {
  readonly baseUrl: string;

  constructor(baseUrl: string, private readonly timeoutMs = 30_000) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Throws IngestUnreachableError unless `GET /health/live` answers 2xx. */
  async checkLive(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/health/live`, { signal: AbortSignal.timeout(Math.min(this.timeoutMs, 5000)) });
    } catch (e) {
      throw new IngestUnreachableError(`cannot reach the ingest API at ${this.baseUrl}: ${describeFetchError(e)}`);
    }
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new IngestUnreachableError(`${this.baseUrl}/health/live answered ${res.status}: is this the ingest API?`);
  }

  async postEvents(key: string, events: CloudEvent[]): Promise<PostOutcome> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': BATCH_CONTENT_TYPE, authorization: `Bearer ${key}` },
        body: JSON.stringify(events),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      return { kind: 'retry', status: null, retryAfterMs: DEFAULT_RETRY_AFTER_MS, message: describeFetchError(e) };
    }
    const body = await readJson(res);
    if (res.status === 202) return { kind: 'accepted', accepted: typeof body.accepted === 'number' ? body.accepted : events.length };
    const message = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : res.statusText;
    if (res.status === 429 || res.status >= 500) {
      return { kind: 'retry', status: res.status, retryAfterMs: retryAfterMs(res.headers.get('retry-after')), message: `${res.status} ${message}` };
    }
    return { kind: 'rejected', status: res.status, message: `${res.status} ${message}`, details: Array.isArray(body.details) ? body.details : [] };
  }

  /** Creates a producer key bound to `source` and the given agencies' subtrees; the key is shown once. */
  async createProducerKey(adminKey: string, spec: { source: string; agencies: string[]; rateLimitPerSecond?: number }): Promise<{ id: string; key: string }> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/v1/admin/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
        body: JSON.stringify({ role: 'producer', ...spec }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new IngestUnreachableError(`cannot reach the ingest API at ${this.baseUrl}: ${describeFetchError(e)}`);
    }
    const body = await readJson(res);
    if (res.status !== 201 || typeof body.key !== 'string') {
      throw new Error(`creating a producer key failed: ${res.status} ${JSON.stringify(body)}`);
    }
    return { id: String(body.id), key: body.key };
  }
}

async function readJson(res: Response): Promise<Record<string, any>> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return { message: text.slice(0, 200) };
  }
}

/** `Retry-After` in seconds or as an HTTP date; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs = Date.now()): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - nowMs);
}

function describeFetchError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'no answer in time';
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}
