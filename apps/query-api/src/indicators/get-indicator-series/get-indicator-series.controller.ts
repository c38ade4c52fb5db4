import { INDICATOR_NAMES, IndicatorName } from '@app/indicators';
import { Roles } from '@app/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { SeriesResponse } from './get-indicator-series.handler';
import { GetIndicatorSeriesQuery } from './get-indicator-series.query';
import { IndicatorSeriesRequestDto } from './indicator-series.request.dto';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('v1/indicators/series')
export class GetIndicatorSeriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('reader')
  @ApiOperation({ summary: 'Indicators per day, week (Monday first), month, quarter or year over [from, to]; edge buckets clipped to the range' })
  @ApiResponse({ status: 200, description: '{agency, from, to, interval, points: [{from, to, indicators}]}' })
  get(@Query() q: IndicatorSeriesRequestDto): Promise<SeriesResponse> {
    const names = (q.names ? q.names.split(',') : [...INDICATOR_NAMES]) as IndicatorName[];
    return this.queries.execute(new GetIndicatorSeriesQuery(q.agency, q.from, q.to, q.interval ?? 'day', [...new Set(names)]));
  }
}
