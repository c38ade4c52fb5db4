/** `@Roles('reader')` on a handler: 401 without a known key, 403 when the key's role is not allowed. Admin passes everywhere. */
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Principal, Role, bearerToken } from './api-key';
import { ApiKeysService } from './api-keys.service';

const ROLES_KEY = 'roles';
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { principal: Principal };

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly keys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new UnauthorizedException({ error: 'unauthorized', message: 'an API key is required: Authorization: Bearer <key>' });
    const principal = await this.keys.resolve(token);
    if (!principal) throw new UnauthorizedException({ error: 'unauthorized', message: 'unknown or revoked API key' });
    if (principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw new ForbiddenException({ error: 'forbidden', message: `this endpoint needs a ${roles.join(' or ')} key` });
    }
    req.principal = principal;
    return true;
  }
}
