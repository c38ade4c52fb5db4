import { Roles } from '@app/platform';
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StatusResponse } from './get-status.handler';
import { GetStatusQuery } from './get-status.query';

@ApiTags('status')
@ApiBearerAuth()
@Controller('v1/status')
export class GetStatusController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('reader')
  @ApiOperation({ summary: 'How far the projections are: events applied, duplicates, rejected (dead-lettered), lag per partition' })
  get(): Promise<StatusResponse> {
    return this.queries.execute(new GetStatusQuery());
  }
}
