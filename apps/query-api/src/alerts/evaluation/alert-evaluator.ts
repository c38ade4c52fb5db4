/**
 * One pass over every rule: read each (agency, window) once, compare, and record each crossing with its
 * notification in the same transaction (the outbox). One process evaluates at a time (advisory lock).
 */
import { Indicators, computeIndicators } from '@app/indicators';
import { LOGGER } from '@app/platform';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, QueryRunner } from 'typeorm';
import { QueryConfig } from '../../query.config';
import { SubtreeSumsReader } from '../../read-model/subtree-sums';
import { isBreached, ruleThreshold, watchedRatio } from '../alert-condition';
import { notificationOf } from '../alert-notification';
import { AlertRule, AlertRuleRow, RuleState, ruleFromRow } from '../alert-rule';
import { DateRange, windowRange } from '../alert-window';
import { alertCrossings, alertEvaluatedEventsApplied, alertEvaluationSeconds, alertLastEvaluation } from '../alert.metrics';
import { EVENTS_APPLIED, RECORD_CROSSING, SELECT_RULES, TRY_EVALUATOR_LOCK } from '../alerts.sql';

/** `busy` when another process holds the evaluator lock; otherwise how many rules crossed. */
export type EvaluationResult = { kind: 'busy' } | { kind: 'evaluated'; rules: number; crossings: number };

@Injectable()
export class AlertEvaluator {
  constructor(
    private readonly db: DataSource,
    private readonly reader: SubtreeSumsReader,
    private readonly config: QueryConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async evaluate(nowMs: number): Promise<EvaluationResult> {
    const q = this.db.createQueryRunner();
    await q.connect();
    try {
      await q.startTransaction();
      const [{ locked }]: { locked: boolean }[] = await q.query(TRY_EVALUATOR_LOCK);
      if (!locked) {
        await q.rollbackTransaction();
        return { kind: 'busy' };
      }
      const end = alertEvaluationSeconds.startTimer();
      const [{ n: eventsApplied }]: { n: number }[] = await q.query(EVENTS_APPLIED, [this.config.KAFKA_TOPIC]);
      const rules = ((await q.query(SELECT_RULES)) as AlertRuleRow[]).map(ruleFromRow);
      let crossings = 0;
      for (const { agency, range, members } of groupByRange(rules, nowMs)) {
        const indicators = await this.indicators(agency, range, nowMs);
        if (!indicators) {
          this.logger.warn({ agency, rules: members.map((r) => r.id) }, 'alert rules name an agency that is not registered; skipped');
          continue;
        }
        for (const rule of members) crossings += await this.compare(q, rule, range, indicators, nowMs);
      }
      await q.commitTransaction();
      end();
      alertLastEvaluation.set(nowMs / 1000);
      alertEvaluatedEventsApplied.set(eventsApplied);
      return { kind: 'evaluated', rules: rules.length, crossings };
    } catch (e) {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await q.release();
    }
  }

  private async indicators(agency: string, range: DateRange, nowMs: number): Promise<Indicators | undefined> {
    try {
      const subtree = await this.reader.read(agency, range.from, range.to, nowMs);
      const { totals, workfilesByLevel } = subtree.sums();
      return computeIndicators({ totals, workfilesByLevel, catalog: subtree.catalog });
    } catch (e) {
      if (e instanceof NotFoundException) return undefined;
      throw e;
    }
  }

  /** Records a crossing when the rule's state changes; returns 1 if it did. */
  private async compare(q: QueryRunner, rule: AlertRule, range: DateRange, indicators: Indicators, nowMs: number): Promise<number> {
    const threshold = ruleThreshold(rule);
    if (threshold === undefined) {
      this.logger.warn({ rule: rule.id, indicator: rule.indicator, target: rule.target }, 'the plan sets no such target any more; rule skipped');
      return 0;
    }
    const ratio = watchedRatio(indicators, rule.indicator, rule.level);
    const next: RuleState = isBreached(ratio, threshold, rule.direction, rule.minDenominator) ? 'breached' : 'ok';
    if (next === rule.state) return 0;
    const state = next === 'breached' ? 'breached' : 'resolved';
    const notification = notificationOf(rule, state, range, ratio, threshold, nowMs);
    const inserted: unknown[] = await q.query(RECORD_CROSSING, [rule.id, next, new Date(nowMs), state, JSON.stringify(notification)]);
    if (inserted.length === 0) return 0;
    alertCrossings.inc({ state });
    this.logger.info({ rule: rule.id, state, value: ratio.value, numerator: ratio.numerator, denominator: ratio.denominator, threshold }, 'alert rule crossed its threshold');
    return 1;
  }
}

interface RangeGroup {
  agency: string;
  range: DateRange;
  members: AlertRule[];
}

/** Rules that read the same agency over the same dates share one read. */
function groupByRange(rules: AlertRule[], nowMs: number): RangeGroup[] {
  const groups = new Map<string, RangeGroup>();
  for (const rule of rules) {
    const range = windowRange(rule.window, nowMs);
    const key = JSON.stringify([rule.agency, range.from, range.to]);
    const group = groups.get(key) ?? { agency: rule.agency, range, members: [] };
    groups.set(key, group);
    group.members.push(rule);
  }
  return [...groups.values()];
}
