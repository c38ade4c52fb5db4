import { Roles } from '@app/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ResolutionReportItemsResponse } from './get-resolution-report-items.handler';
import { GetResolutionReportItemsQuery } from './get-resolution-report-items.query';
import { ResolutionReportItemsRequestDto } from './resolution-report-items.request.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/resolution/items')
export class GetResolutionReportItemsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('reader')
  @ApiOperation({
    summary: "The dossiers behind one column of the resolution report's subtree row, paged",
    description:
      'received.* and resolved.* list the winning fact (agency, local day, time, event); carriedOver and inProgress.* list dossiers of ' +
      'the received agency with their received day, closed day (the first resolution or withdrawal, not before the receipt) and latest dueAt.',
  })
  @ApiResponse({ status: 200, description: '{column, agency, from, to, asOf, total, page, pageSize, items}' })
  @ApiResponse({ status: 400, description: 'a parameter is missing or malformed (named in details)' })
  @ApiResponse({ status: 404, description: 'unknown agency' })
  get(@Query() q: ResolutionReportItemsRequestDto): Promise<ResolutionReportItemsResponse> {
    return this.queries.execute(new GetResolutionReportItemsQuery(q.column, q.agency, q.from, q.to, q.page, q.pageSize, Date.now()));
  }
}
