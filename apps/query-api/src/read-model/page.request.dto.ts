import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { AgencyRangeRequestDto } from './range.request.dto';

export const MAX_PAGE_SIZE = 500;

/** `page` (from 1) and `pageSize` (1–500, default 50) of a list. */
function PageFields<T extends new (...args: any[]) => object>(Base: T) {
  class Paged extends Base {
    @ApiPropertyOptional({ default: 1, minimum: 1, description: 'page number, from 1' })
    @Type(() => Number) @IsInt({ message: 'page must be a whole number' }) @Min(1) @Max(1_000_000_000)
    page = 1;

    @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
    @Type(() => Number) @IsInt({ message: 'pageSize must be a whole number' }) @Min(1) @Max(MAX_PAGE_SIZE)
    pageSize = 50;
  }
  return Paged;
}

class AgencyRequestDto {
  @ApiProperty({ example: 'QT', description: 'agency code; the list covers its whole subtree' })
  @IsString() @Length(1, 128)
  agency!: string;
}

/** An agency subtree, a range of local dates and a page. */
export class AgencyRangePageRequestDto extends PageFields(AgencyRangeRequestDto) {}

/** An agency subtree and a page. */
export class AgencyPageRequestDto extends PageFields(AgencyRequestDto) {}
