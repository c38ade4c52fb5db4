import { Roles } from '@app/platform';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CreateKeyCommand } from './create-key.command';
import { CreateKeyRequestDto } from './create-key.request.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/keys')
export class CreateKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create an API key; the key is shown once and stored hashed' })
  @ApiResponse({ status: 201, schema: { example: { id: 'kAbCdEfGhIjKl', key: 'kAbCdEfGhIjKl.<secret>', role: 'producer' } } })
  async create(@Body() dto: CreateKeyRequestDto): Promise<{ id: string; key: string; role: string }> {
    const created = await this.commands.execute(new CreateKeyCommand(dto.role, dto.source, dto.agencies, dto.rateLimitPerSecond));
    return { ...created, role: dto.role };
  }
}
