/** `GET /health/live` (the process answers) and `GET /health/ready` (its dependencies answer). */
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';

export type ReadinessCheck = () => Promise<void>;
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: Record<string, ReadinessCheck>) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const results: Record<string, string> = {};
    let ok = true;
    await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        try {
          await check();
          results[name] = 'ok';
        } catch (e) {
          ok = false;
          results[name] = (e as Error).message;
        }
      }),
    );
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', checks: results });
  }
}
