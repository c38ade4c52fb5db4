import { Roles } from '@app/platform';
import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { IndicatorItemsResponse } from './get-indicator-items.handler';
import { GetIndicatorItemsQuery } from './get-indicator-items.query';
import { IndicatorItemsParamsDto, IndicatorItemsRequestDto } from './indicator-items.request.dto';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('v1/indicators/:name/items')
export class GetIndicatorItemsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('reader')
  @ApiOperation({
    summary: "The dossiers, events or procedures behind an indicator's numerator or denominator over [from, to], paged",
    description:
      'Dossier indicators list dossiers with the winning fact that counts (agency, local day, time, event source and id, its fields); ' +
      'transfer, payment and work-file indicators list events; catalog indicators list procedures. `total` equals the numerator or ' +
      'denominator GET /v1/indicators gives for the same agency, from and to (with `level`, the byLevel figure of workfileElectronicRate).',
  })
  @ApiResponse({ status: 200, description: '{indicator, part, agency, from, to, level?, asOf, total, page, pageSize, items}' })
  @ApiResponse({ status: 400, description: 'a parameter is missing or malformed (named in details)' })
  @ApiResponse({ status: 404, description: 'unknown agency' })
  get(@Param() p: IndicatorItemsParamsDto, @Query() q: IndicatorItemsRequestDto): Promise<IndicatorItemsResponse> {
    if (q.level !== undefined && p.name !== 'workfileElectronicRate') {
      throw new BadRequestException({ error: 'validation_failed', details: [{ path: 'level', message: 'level applies to workfileElectronicRate only' }] });
    }
    return this.queries.execute(new GetIndicatorItemsQuery(p.name, q.part, q.agency, q.from, q.to, q.level, q.page, q.pageSize, Date.now()));
  }
}
