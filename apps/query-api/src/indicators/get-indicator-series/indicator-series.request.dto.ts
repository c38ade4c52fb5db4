import { INDICATOR_NAMES, INTERVALS } from '@app/indicators';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AgencyRangeRequestDto } from '../../read-model/range.request.dto';

const NAMES = new RegExp(`^(${INDICATOR_NAMES.join('|')})(,(${INDICATOR_NAMES.join('|')}))*$`);

export class IndicatorSeriesRequestDto extends AgencyRangeRequestDto {
  @ApiPropertyOptional({ enum: INTERVALS, default: 'day' })
  @IsOptional() @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval?: (typeof INTERVALS)[number];

  @ApiPropertyOptional({ description: `comma-separated indicator names (default: all): ${INDICATOR_NAMES.join(', ')}`, example: 'onTimeRate,satisfactionRate' })
  @IsOptional() @Matches(NAMES, { message: `names must be a comma-separated list of: ${INDICATOR_NAMES.join(', ')}` })
  names?: string;
}
