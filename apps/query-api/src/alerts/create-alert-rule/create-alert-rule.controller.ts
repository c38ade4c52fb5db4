import { Roles } from '@app/platform';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AlertRuleView } from '../alert-rule';
import { ALERT_RULE_EXAMPLE } from '../alert-rule.example';
import { AlertRuleRequestDto } from './alert-rule.request.dto';
import { CreateAlertRuleCommand } from './create-alert-rule.command';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('v1/alerts/rules')
export class CreateAlertRuleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create an alert rule: a webhook notified once each time an indicator crosses a threshold (and once when it comes back)' })
  @ApiResponse({ status: 201, schema: { example: ALERT_RULE_EXAMPLE } })
  @ApiResponse({ status: 400, description: 'a field is missing or malformed (named in details)' })
  @ApiResponse({ status: 404, description: 'unknown agency' })
  create(@Body() dto: AlertRuleRequestDto): Promise<AlertRuleView> {
    return this.commands.execute(new CreateAlertRuleCommand(
      dto.indicator, dto.level ?? null, dto.agency, dto.threshold ?? null, dto.target ?? null, dto.window,
      dto.direction ?? 'below', dto.minDenominator ?? 1, dto.webhookUrl,
    ));
  }
}
