import { Roles } from '@app/platform';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ResolutionReport } from './get-resolution-report.handler';
import { GetResolutionReportQuery } from './get-resolution-report.query';
import { resolutionReportCsv } from './resolution-report.csv';
import { ResolutionReportRequestDto } from './resolution-report.request.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/resolution')
export class GetResolutionReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('reader')
  @ApiOperation({ summary: 'The periodic resolution report for any [from, to]: the agency subtree and, with children=true, one row per direct child subtree' })
  @ApiProduces('application/json', 'text/csv')
  @ApiResponse({ status: 200, description: 'JSON {agency, from, to, asOf, rows}, or CSV with Accept: text/csv' })
  async get(@Query() q: ResolutionReportRequestDto, @Headers('accept') accept: string | undefined, @Res() res: Response): Promise<void> {
    const report: ResolutionReport = await this.queries.execute(new GetResolutionReportQuery(q.agency, q.from, q.to, q.children === 'true', Date.now()));
    if (accept && /\btext\/csv\b/i.test(accept)) {
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="resolution-${q.agency}-${q.from}-${q.to}.csv"`)
        .send(resolutionReportCsv(report));
      return;
    }
    res.status(200).json(report);
  }
}
