import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AlertRuleRow, AlertRuleView, ruleFromRow, ruleView } from '../alert-rule';
import { ruleId, unknownRule } from '../alert-rule-id';
import { SELECT_RULE } from '../alerts.sql';
import { GetAlertRuleQuery } from './get-alert-rule.query';

@QueryHandler(GetAlertRuleQuery)
export class GetAlertRuleHandler implements IQueryHandler<GetAlertRuleQuery, AlertRuleView> {
  constructor(private readonly db: DataSource) {}

  async execute({ id }: GetAlertRuleQuery): Promise<AlertRuleView> {
    const [row]: AlertRuleRow[] = await this.db.query(SELECT_RULE, [ruleId(id)]);
    if (!row) throw unknownRule(id);
    return ruleView(ruleFromRow(row));
  }
}
