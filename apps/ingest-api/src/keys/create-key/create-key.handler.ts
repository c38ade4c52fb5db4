import { ApiKeysService } from '@app/platform';
import { BadRequestException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CreateKeyCommand } from './create-key.command';

@CommandHandler(CreateKeyCommand)
export class CreateKeyHandler implements ICommandHandler<CreateKeyCommand, { id: string; key: string }> {
  constructor(private readonly keys: ApiKeysService) {}

  execute(c: CreateKeyCommand): Promise<{ id: string; key: string }> {
    if (c.role !== 'producer' && (c.source !== undefined || c.agencies !== undefined)) {
      throw new BadRequestException({ error: 'validation_failed', message: 'source and agencies apply to producer keys only' });
    }
    return this.keys.create(c);
  }
}
