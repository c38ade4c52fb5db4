import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AgencyRangePageRequestDto } from '../../read-model/page.request.dto';
import { REPORT_COLUMNS, ReportColumn } from './report-columns';

export class ResolutionReportItemsRequestDto extends AgencyRangePageRequestDto {
  @ApiProperty({ enum: REPORT_COLUMNS, description: 'a column of the report row' })
  @IsIn(REPORT_COLUMNS, { message: `column must be one of ${REPORT_COLUMNS.join(', ')}` })
  column!: ReportColumn;
}
