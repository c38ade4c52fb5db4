import { Roles } from '@app/platform';
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AlertRuleView } from '../alert-rule';
import { ALERT_RULE_EXAMPLE } from '../alert-rule.example';
import { GetAlertRulesQuery } from './get-alert-rules.query';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('v1/alerts/rules')
export class GetAlertRulesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Every alert rule with its current state, oldest first' })
  @ApiResponse({ status: 200, schema: { example: { rules: [ALERT_RULE_EXAMPLE] } } })
  list(): Promise<{ rules: AlertRuleView[] }> {
    return this.queries.execute(new GetAlertRulesQuery());
  }
}
