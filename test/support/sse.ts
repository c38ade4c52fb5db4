/** A Server-Sent Events client for tests and benchmarks: fetch() with headers, the WHATWG parsing rules, every event kept. */
import { eventually } from './processes';

export interface SseEvent {
  type: string;
  id: string | null;
  data: string;
  /** performance.now() when the event was dispatched. */
  at: number;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  retry: number | null = null;
  /** Resolves when the server ends the stream or `close()` is called. */
  ended: Promise<void> = Promise.resolve();
  onEvent?: (event: SseEvent) => void;
  private constructor(readonly status: number, readonly headers: Headers, readonly errorBody: any, private readonly abort = new AbortController()) {}

  static async open(url: string, options: { key?: string | null; lastEventId?: string } = {}): Promise<SseClient> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    const abort = new AbortController();
    const res = await fetch(url, { headers, signal: abort.signal });
    if (res.status !== 200 || !res.body) {
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return new SseClient(res.status, res.headers, body);
    }
    const client = new SseClient(res.status, res.headers, null, abort);
    client.ended = client.read(res.body).catch(() => undefined);
    return client;
  }

  /** The parsed `data` of every `event: snapshot`. */
  snapshots(): any[] {
    return this.events.filter((e) => e.type === 'snapshot').map((e) => ({ ...JSON.parse(e.data), id: e.id }));
  }

  latestSnapshot(): any {
    return this.snapshots().pop();
  }

  /** Until `check` returns something other than undefined or false. */
  waitFor<T>(what: string, check: () => T, timeoutMs = 10_000): Promise<Exclude<T, undefined | false>> {
    return eventually(what, async () => {
      const v = check();
      return v === false ? undefined : (v as Exclude<T, undefined | false> | undefined);
    }, timeoutMs, 20);
  }

  close(): Promise<void> {
    this.abort.abort();
    return this.ended;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = { type: '', data: [] as string[], id: null as string | null };
    const line = (text: string) => {
      if (text === '') {
        if (event.data.length > 0) {
          const e = { type: event.type || 'message', id: event.id, data: event.data.join('\n'), at: performance.now() };
          this.events.push(e);
          this.onEvent?.(e);
        }
        event = { type: '', data: [], id: null };
        return;
      }
      if (text.startsWith(':')) {
        this.comments.push(text.slice(1).trim());
        return;
      }
      const colon = text.indexOf(':');
      const field = colon < 0 ? text : text.slice(0, colon);
      const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') event.data.push(value);
      else if (field === 'event') event.type = value;
      else if (field === 'id') event.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    };
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      const lines = buffer.split('\n'); // the server ends lines with \n (a lone \r is not supported here)
      buffer = lines.pop()!;
      for (const l of lines) line(l.replace(/\r$/, ''));
    }
  }
}
