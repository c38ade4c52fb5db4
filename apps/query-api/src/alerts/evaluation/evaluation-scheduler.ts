/**
 * When rules are evaluated: after the projector commits (the process's LISTEN connection on
 * projections_changed, coalesced to at most one run per ALERTS_COALESCE_MS), every ALERTS_EVALUATE_INTERVAL_MS
 * (windows roll over at local midnight without any event), at start, and after a rule is created.
 */
import { LOGGER } from '@app/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { QueryConfig } from '../../query.config';
import { ProjectionsListener } from '../../stream/projections-listener';
import { WebhookDispatcher } from '../delivery/webhook-dispatcher';
import { AlertEvaluator } from './alert-evaluator';
import { CoalescingRunner } from './coalescing-runner';

@Injectable()
export class EvaluationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly runner: CoalescingRunner;
  private interval?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly evaluator: AlertEvaluator,
    private readonly dispatcher: WebhookDispatcher,
    private readonly projections: ProjectionsListener,
    private readonly config: QueryConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.runner = new CoalescingRunner(() => this.evaluateNow(), config.ALERTS_COALESCE_MS);
  }

  /** Asks for an evaluation soon. */
  request(): void {
    this.runner.request();
  }

  onApplicationBootstrap(): void {
    // Every notification, and a resync after the connection was lost (notifications may have been missed).
    this.unsubscribe = this.projections.onChanged(() => this.request());
    this.interval = setInterval(() => this.request(), this.config.ALERTS_EVALUATE_INTERVAL_MS);
    this.request();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.interval);
    this.unsubscribe?.();
    await this.runner.stop();
  }

  private async evaluateNow(): Promise<void> {
    try {
      const result = await this.evaluator.evaluate(Date.now());
      // Another process is evaluating and may have read the sums before the change that woke us: try again.
      if (result.kind === 'busy') this.request();
      else if (result.crossings > 0) this.dispatcher.wake();
    } catch (err) {
      this.logger.error({ err }, 'alerts: evaluation failed; the next change or tick retries');
    }
  }
}
