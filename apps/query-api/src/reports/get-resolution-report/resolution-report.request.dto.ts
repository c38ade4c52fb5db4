import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AgencyRangeRequestDto } from '../../read-model/range.request.dto';

export class ResolutionReportRequestDto extends AgencyRangeRequestDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'also one row per direct child subtree' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'children must be true or false' })
  children?: 'true' | 'false';
}
