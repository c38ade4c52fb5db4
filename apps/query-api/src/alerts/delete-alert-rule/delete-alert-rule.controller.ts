import { Roles } from '@app/platform';
import { Controller, Delete, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DeleteAlertRuleCommand } from './delete-alert-rule.command';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('v1/alerts/rules')
export class DeleteAlertRuleController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an alert rule and its notifications (pending ones are not sent)' })
  @ApiResponse({ status: 204, description: 'deleted' })
  @ApiResponse({ status: 404, description: 'unknown rule' })
  delete(@Param('id') id: string): Promise<void> {
    return this.commands.execute(new DeleteAlertRuleCommand(id));
  }
}
