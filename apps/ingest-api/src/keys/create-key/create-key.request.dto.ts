import { ROLES, Role } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';

export class CreateKeyRequestDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'producer keys: the one CloudEvents source the key may post', example: '/onestop/quang-tri' })
  @ValidateIf((o) => o.role === 'producer' || o.source !== undefined)
  @IsString() @Length(1, 256)
  source?: string;

  @ApiPropertyOptional({ description: 'producer keys: agency codes whose subtrees the key may post for', example: ['QT'] })
  @ValidateIf((o) => o.role === 'producer' || o.agencies !== undefined)
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @Length(1, 128, { each: true })
  agencies?: string[];

  @ApiPropertyOptional({ description: 'requests per second for this key (default: RATE_LIMIT_PER_SECOND)' })
  @IsOptional() @IsInt() @Min(1) @Max(100000)
  rateLimitPerSecond?: number;
}
