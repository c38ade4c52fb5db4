import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ruleId, unknownRule } from '../alert-rule-id';
import { DELETE_RULE } from '../alerts.sql';
import { DeleteAlertRuleCommand } from './delete-alert-rule.command';

/** Deletes the rule with its notifications, pending ones included (they are not sent). */
@CommandHandler(DeleteAlertRuleCommand)
export class DeleteAlertRuleHandler implements ICommandHandler<DeleteAlertRuleCommand, void> {
  constructor(private readonly db: DataSource) {}

  async execute({ id }: DeleteAlertRuleCommand): Promise<void> {
    // TypeORM answers a DELETE with [rows, rowCount].
    const [, deleted]: [unknown[], number] = await this.db.query(DELETE_RULE, [ruleId(id)]);
    if (deleted === 0) throw unknownRule(id);
  }
}
