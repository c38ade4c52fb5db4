import { Roles } from '@app/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AlertRuleView } from '../alert-rule';
import { ALERT_RULE_EXAMPLE } from '../alert-rule.example';
import { GetAlertRuleQuery } from './get-alert-rule.query';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('v1/alerts/rules')
export class GetAlertRuleController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'One alert rule with its current state (ok or breached)' })
  @ApiResponse({ status: 200, schema: { example: ALERT_RULE_EXAMPLE } })
  @ApiResponse({ status: 404, description: 'unknown rule' })
  get(@Param('id') id: string): Promise<AlertRuleView> {
    return this.queries.execute(new GetAlertRuleQuery(id));
  }
}
