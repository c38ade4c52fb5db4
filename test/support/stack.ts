/**
 * The whole pipeline for one test suite: its own database and topic on the real PostgreSQL and Kafka,
 * and the three built services as child processes on free ports.
 */
import { randomBytes } from 'node:crypto';
import { databaseUrl, dropDatabase, sql } from './database';
import { AppName, RunningApp, eventually, freePort, startApp, stopApp, waitReady } from './processes';

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestStack {
  readonly id: string;
  readonly database: string;
  readonly topic: string;
  readonly adminKey = 'test-admin-' + randomBytes(16).toString('hex');
  private readonly apps = new Map<string, RunningApp>();
  private readonly ports = new Map<AppName, number>();
  private projectors = 0;

  constructor(name: string, private readonly extraEnv: Record<string, string> = {}) {
    this.id = `${name.replace(/[^a-z0-9]/g, '_')}_${randomBytes(3).toString('hex')}`;
    this.database = `dossiers_test_${this.id}`;
    this.topic = `test-${this.id}`;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: databaseUrl(this.database),
      KAFKA_BROKERS,
      KAFKA_TOPIC: this.topic,
      ADMIN_API_KEY: this.adminKey,
      PROJECTOR_GROUP_ID: `projector-${this.id}`,
      ...this.extraEnv,
      ...extra,
    };
  }

  /** Starts the services named (default: all three) and waits until each is ready. */
  async start(apps: AppName[] = ['ingest-api', 'projector', 'query-api']): Promise<this> {
    // The first service creates the database and runs migrations; the others wait on the advisory lock.
    for (const app of apps) await this.startApp(app);
    return this;
  }

  async startApp(app: AppName, env: Record<string, string> = {}): Promise<RunningApp> {
    const port = await freePort();
    const portVar = { 'ingest-api': 'INGEST_PORT', projector: 'PROJECTOR_PORT', 'query-api': 'QUERY_PORT' }[app];
    const key = app === 'projector' ? `projector-${this.projectors++}` : app;
    const running = startApp(app, port, this.env({ [portVar]: String(port), ...env }), `${this.id}-${key}`);
    this.apps.set(key, running);
    if (app !== 'projector' || !this.ports.has(app)) this.ports.set(app, port);
    await waitReady(running);
    return running;
  }

  app(key: string): RunningApp {
    const a = this.apps.get(key);
    if (!a) throw new Error(`no app ${key}`);
    return a;
  }

  url(app: AppName, path: string): string {
    return `http://127.0.0.1:${this.ports.get(app)}${path}`;
  }

  async request<T = any>(app: AppName, method: string, path: string, init: { body?: string | Buffer; headers?: Record<string, string>; key?: string | null } = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const key = init.key === undefined ? this.adminKey : init.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    const res = await fetch(this.url(app, path), { method, headers, body: init.body });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  /** POSTs events as a batch (or one event) with a key (default: the admin key). */
  post(events: unknown, key?: string | null, contentType?: string): Promise<HttpResult> {
    const type = contentType ?? (Array.isArray(events) ? 'application/cloudevents-batch+json' : 'application/cloudevents+json');
    return this.request('ingest-api', 'POST', '/v1/events', { body: JSON.stringify(events), headers: { 'content-type': type }, key });
  }

  async createKey(spec: Record<string, unknown>): Promise<string> {
    const res = await this.request('ingest-api', 'POST', '/v1/admin/keys', { body: JSON.stringify(spec), headers: { 'content-type': 'application/json' } });
    if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.key;
  }

  async indicators(agency: string, from: string, to: string, key?: string): Promise<any> {
    const res = await this.request('query-api', 'GET', `/v1/indicators?agency=${encodeURIComponent(agency)}&from=${from}&to=${to}`, { key });
    if (res.status !== 200) throw new Error(`indicators: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async status(): Promise<any> {
    return (await this.request('query-api', 'GET', '/v1/status')).body;
  }

  /** Waits until the projector has consumed every message on the topic (lag 0) and at least `minApplied` events. */
  async caughtUp(minApplied = 0, timeoutMs = 120_000): Promise<any> {
    return eventually(
      `the projector to catch up (≥ ${minApplied} events applied)`,
      async () => {
        const s = await this.status();
        return s.lag === 0 && s.eventsApplied >= minApplied ? s : undefined;
      },
      timeoutMs,
      150,
    );
  }

  sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return sql<T>(this.database, text, params);
  }

  async stopApp(key: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const a = this.apps.get(key);
    if (a) await stopApp(a, signal);
  }

  async stop(options: { keepDatabase?: boolean } = {}): Promise<void> {
    await Promise.all([...this.apps.values()].map((a) => stopApp(a)));
    if (!options.keepDatabase) await dropDatabase(this.database);
  }
}
