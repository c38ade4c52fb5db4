import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** `agency`: validated as the other endpoints do; the stream covers its whole subtree. */
export class StreamRequestDto {
  @ApiProperty({ example: 'QT', description: 'agency code; the stream covers its whole subtree' })
  @IsString() @Length(1, 128)
  agency!: string;
}
