import { Roles } from '@app/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AgencyRangeRequestDto } from '../../read-model/range.request.dto';
import { GetIndicatorsQuery } from './get-indicators.query';
import type { IndicatorsResponse } from './get-indicators.handler';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('v1/indicators')
export class GetIndicatorsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('reader')
  @ApiOperation({ summary: "Every indicator and the resolution report row for an agency's subtree over [from, to]" })
  @ApiResponse({ status: 200, description: '{agency, from, to, asOf, indicators: {<name>: {numerator, denominator, value, targets?}}, report}' })
  @ApiResponse({ status: 400, description: 'a parameter is missing or malformed (named in details)' })
  @ApiResponse({ status: 404, description: 'unknown agency' })
  get(@Query() q: AgencyRangeRequestDto): Promise<IndicatorsResponse> {
    return this.queries.execute(new GetIndicatorsQuery(q.agency, q.from, q.to, Date.now()));
  }
}
