import { Roles } from '@app/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GetAlertDeliveriesQuery } from './get-alert-deliveries.query';
import type { DeliveryView } from './get-alert-deliveries.handler';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('v1/alerts/rules')
export class GetAlertDeliveriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/deliveries')
  @Roles('admin')
  @ApiOperation({ summary: "A rule's most recent notifications (newest first, up to 100) and how their delivery went" })
  @ApiResponse({
    status: 200,
    schema: {
      example: {
        ruleId: '0b7f4e44-2f0e-4d3b-9a51-6f1e2a0c9d11',
        deliveries: [{
          id: '12', state: 'breached', status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null,
          createdAt: '2026-11-27T09:00:01.020Z', nextAttemptAt: null, finishedAt: '2026-11-27T09:00:16.310Z',
          notification: {
            ruleId: '0b7f4e44-2f0e-4d3b-9a51-6f1e2a0c9d11', state: 'breached', indicator: 'onTimeRate', agency: 'QT', window: 'today',
            from: '2026-11-27', to: '2026-11-27', value: 0.85, numerator: 17, denominator: 20, threshold: 0.9, at: '2026-11-27T09:00:01.002Z',
          },
        }],
      },
    },
  })
  @ApiResponse({ status: 404, description: 'unknown rule' })
  list(@Param('id') id: string): Promise<{ ruleId: string; deliveries: DeliveryView[] }> {
    return this.queries.execute(new GetAlertDeliveriesQuery(id));
  }
}
