/**
 * One dedicated PostgreSQL connection per process that LISTENs on `projections_changed`, which the projector
 * notifies inside every committing transaction that applied events. Everything that reacts to new projections
 * (the live stream) subscribes here instead of opening its own connection or polling.
 */
import { LOGGER } from '@app/platform';
import { PROJECTIONS_CHANGED_CHANNEL } from '@app/storage';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { QueryConfig } from '../query.config';

/** The projector's payload; `{resync: true}` after this connection was re-established (notifications may have been missed). */
export type ProjectionsChange = { topic: string; partition: number; nextOffset: number; applied: number } | { resync: true };

const MAX_RECONNECT_DELAY_MS = 30_000;

@Injectable()
export class ProjectionsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = new Set<(change: ProjectionsChange) => void>();
  private client?: Client;
  private reconnectDelayMs = 500;
  private reconnectTimer?: NodeJS.Timeout;
  private stopping = false;

  constructor(private readonly config: QueryConfig, @Inject(LOGGER) private readonly logger: Logger) {}

  /** Calls `handler` on every change; returns the function that stops it. */
  onChanged(handler: (change: ProjectionsChange) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** The first connection is part of starting: a query API that cannot listen does not report ready. */
  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'query-api-listen', keepAlive: true });
    client.on('notification', (n) => n.channel === PROJECTIONS_CHANGED_CHANNEL && this.emit(parse(n.payload)));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${PROJECTIONS_CHANGED_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    this.reconnectDelayMs = 500;
  }

  private lost(client: Client, err: Error): void {
    if (this.stopping || this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.logger.warn({ err: { message: err.message }, retryInMs: this.reconnectDelayMs }, 'projections listener lost its database connection');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => {
          this.logger.info('projections listener reconnected');
          this.emit({ resync: true });
        },
        (err: Error) => {
          this.logger.warn({ err: { message: err.message } }, 'projections listener could not reconnect');
          this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
          if (!this.stopping) this.scheduleReconnect();
        },
      );
    }, this.reconnectDelayMs);
  }

  private emit(change: ProjectionsChange): void {
    for (const handler of this.handlers) {
      try {
        handler(change);
      } catch (err) {
        this.logger.error({ err }, 'a projections listener handler failed');
      }
    }
  }
}

/** A payload we cannot read still says that something changed. */
function parse(payload: string | undefined): ProjectionsChange {
  try {
    const p = JSON.parse(payload ?? '') as ProjectionsChange;
    return typeof p === 'object' && p !== null && 'topic' in p && typeof p.topic === 'string' ? p : { resync: true };
  } catch {
    return { resync: true };
  }
}
