import { NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AlertRuleRow, AlertRuleView, ruleFromRow, ruleView } from '../alert-rule';
import { AGENCY_EXISTS, INSERT_RULE } from '../alerts.sql';
import { EvaluationScheduler } from '../evaluation/evaluation-scheduler';
import { CreateAlertRuleCommand } from './create-alert-rule.command';

@CommandHandler(CreateAlertRuleCommand)
export class CreateAlertRuleHandler implements ICommandHandler<CreateAlertRuleCommand, AlertRuleView> {
  constructor(private readonly db: DataSource, private readonly scheduler: EvaluationScheduler) {}

  async execute(c: CreateAlertRuleCommand): Promise<AlertRuleView> {
    const known: unknown[] = await this.db.query(AGENCY_EXISTS, [c.agency]);
    if (known.length === 0) throw new NotFoundException({ error: 'not_found', message: `unknown agency: ${c.agency}` });
    const [row]: AlertRuleRow[] = await this.db.query(INSERT_RULE, [
      c.indicator, c.level, c.agency, c.threshold, c.target, c.window, c.direction, c.minDenominator, c.webhookUrl,
    ]);
    // A rule starts "ok": if the value is already past the threshold, the first evaluation notifies.
    this.scheduler.request();
    return ruleView(ruleFromRow(row));
  }
}
