/**
 * Sends the outbox: each notification is claimed with FOR UPDATE SKIP LOCKED and its transaction stays open
 * for the attempt, so no two processes send it at once and a crash before the commit leaves it pending.
 * Failed attempts wait with exponential backoff, up to ALERTS_DELIVERY_ATTEMPTS; 2xx is delivered.
 * A receiver may see a notification twice only if a process dies between its 2xx and the commit: the
 * `X-Alert-Delivery-Id` header lets it tell.
 */
import { LOGGER } from '@app/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { QueryConfig } from '../../query.config';
import { alertDeliveryAttempts } from '../alert.metrics';
import { CLAIM_DUE_DELIVERY, MARK_DELIVERED, MARK_FAILED, MARK_FOR_RETRY } from '../alerts.sql';
import { postWebhook } from './post-webhook';
import { retryDelayMs } from './retry-delay';

/** Notifications sent at once per process (each holds a pooled connection for its attempt). */
const WORKERS = 4;

interface DueDelivery {
  id: string;
  payload: unknown;
  attempts: number;
  webhook_url: string;
}

@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly workers = new Set<Promise<void>>();
  private poll?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly config: QueryConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.poll = setInterval(() => this.wake(), this.config.ALERTS_DELIVERY_POLL_MS);
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await Promise.all(this.workers);
  }

  /** Starts sending what is due: one more worker, up to WORKERS; each worker that finds work wakes another. */
  wake(): void {
    if (this.stopped || this.workers.size >= WORKERS) return;
    const worker: Promise<void> = this.drain().finally(() => this.workers.delete(worker));
    this.workers.add(worker);
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.sendNext()));
    } catch (err) {
      this.logger.error({ err }, 'alerts: delivery failed; the next poll retries');
    }
  }

  /** Sends one due notification; false when none is due (or all due ones are held by others). */
  private async sendNext(): Promise<boolean> {
    const q = this.db.createQueryRunner();
    await q.connect();
    try {
      await q.startTransaction();
      const [due]: DueDelivery[] = await q.query(CLAIM_DUE_DELIVERY);
      if (!due) {
        await q.commitTransaction();
        return false;
      }
      this.wake();
      const attempt = due.attempts + 1;
      const headers = { 'x-alert-delivery-id': String(due.id), 'x-alert-attempt': String(attempt) };
      const outcome = await postWebhook(due.webhook_url, due.payload, headers, this.config.ALERTS_DELIVERY_TIMEOUT_MS);
      if (outcome.delivered) {
        await q.query(MARK_DELIVERED, [due.id, attempt, outcome.statusCode]);
      } else if (attempt >= this.config.ALERTS_DELIVERY_ATTEMPTS) {
        await q.query(MARK_FAILED, [due.id, attempt, outcome.statusCode, outcome.error]);
      } else {
        await q.query(MARK_FOR_RETRY, [due.id, attempt, outcome.statusCode, outcome.error, retryDelayMs(attempt, this.config.ALERTS_RETRY_BASE_MS)]);
      }
      await q.commitTransaction();
      const result = outcome.delivered ? 'delivered' : attempt >= this.config.ALERTS_DELIVERY_ATTEMPTS ? 'failed' : 'retry';
      alertDeliveryAttempts.inc({ outcome: result });
      const log = { delivery: due.id, attempt, result, statusCode: outcome.statusCode, error: outcome.delivered ? undefined : outcome.error };
      if (result === 'failed') this.logger.warn(log, 'alerts: webhook notification failed for good');
      else this.logger.info(log, 'alerts: webhook attempt');
      return true;
    } catch (e) {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await q.release();
    }
  }
}
