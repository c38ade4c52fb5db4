import type { Role } from '@app/platform';

export class CreateKeyCommand {
  constructor(
    public readonly role: Role,
    public readonly source?: string,
    public readonly agencies?: string[],
    public readonly rateLimitPerSecond?: number,
  ) {}
}
