import { Roles } from '@app/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AgencyPageRequestDto } from '../../read-model/page.request.dto';
import type { OverdueDossiersResponse } from './get-overdue-dossiers.handler';
import { GetOverdueDossiersQuery } from './get-overdue-dossiers.query';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('v1/dossiers/overdue')
export class GetOverdueDossiersController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('reader')
  @ApiOperation({
    summary: 'Open dossiers of the subtree (received, neither resolved nor withdrawn) whose latest dueAt is before now, most overdue first',
    description:
      'items: {dossier, agency, receivedAt, dueAt, overdueDays, procedureCode, channel}. overdueDays counts local calendar days from the ' +
      "date of dueAt to today's date, at least 1 (a deadline passed earlier today is day 1). total equals the report's overdueNow.",
  })
  @ApiResponse({ status: 200, description: '{agency, asOf, total, page, pageSize, items}' })
  @ApiResponse({ status: 400, description: 'a parameter is missing or malformed (named in details)' })
  @ApiResponse({ status: 404, description: 'unknown agency' })
  get(@Query() q: AgencyPageRequestDto): Promise<OverdueDossiersResponse> {
    return this.queries.execute(new GetOverdueDossiersQuery(q.agency, q.page, q.pageSize, Date.now()));
  }
}
