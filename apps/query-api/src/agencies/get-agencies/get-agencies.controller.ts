import { Roles } from '@app/platform';
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AgenciesResponse } from './get-agencies.handler';
import { GetAgenciesQuery } from './get-agencies.query';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('v1/agencies')
export class GetAgenciesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('reader')
  @ApiOperation({ summary: 'The registered agency tree, by code' })
  @ApiResponse({ status: 200, description: '{agencies: [{code, name, level, parentCode}]}' })
  get(): Promise<AgenciesResponse> {
    return this.queries.execute(new GetAgenciesQuery());
  }
}
