import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AlertRuleRow, AlertRuleView, ruleFromRow, ruleView } from '../alert-rule';
import { SELECT_RULES } from '../alerts.sql';
import { GetAlertRulesQuery } from './get-alert-rules.query';

@QueryHandler(GetAlertRulesQuery)
export class GetAlertRulesHandler implements IQueryHandler<GetAlertRulesQuery, { rules: AlertRuleView[] }> {
  constructor(private readonly db: DataSource) {}

  async execute(): Promise<{ rules: AlertRuleView[] }> {
    const rows: AlertRuleRow[] = await this.db.query(SELECT_RULES);
    return { rules: rows.map((r) => ruleView(ruleFromRow(r))) };
  }
}
