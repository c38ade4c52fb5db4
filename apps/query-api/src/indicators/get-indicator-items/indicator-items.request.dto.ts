import { INDICATOR_NAMES, IndicatorName, LEVEL_GROUPS, LevelGroup } from '@app/indicators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AgencyRangePageRequestDto } from '../../read-model/page.request.dto';
import { PARTS, Part } from './indicator-items';

export class IndicatorItemsParamsDto {
  @ApiProperty({ enum: INDICATOR_NAMES })
  @IsIn(INDICATOR_NAMES, { message: `name must be one of ${INDICATOR_NAMES.join(', ')}` })
  name!: IndicatorName;
}

export class IndicatorItemsRequestDto extends AgencyRangePageRequestDto {
  @ApiProperty({ enum: PARTS })
  @IsIn(PARTS, { message: 'part must be numerator or denominator' })
  part!: Part;

  @ApiPropertyOptional({ enum: LEVEL_GROUPS, description: 'workfileElectronicRate only: the work files of agencies of one level group (byLevel)' })
  @IsOptional() @IsIn(LEVEL_GROUPS, { message: `level must be one of ${LEVEL_GROUPS.join(', ')}` })
  level?: LevelGroup;
}
