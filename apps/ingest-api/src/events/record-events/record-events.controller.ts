import { EVENT_EXAMPLES } from '@app/contract';
import { AuthenticatedRequest, Roles } from '@app/platform';
import { Controller, HttpCode, HttpException, HttpStatus, Post, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IngestConfig } from '../../ingest.config';
import { BusUnavailableError } from '../../bus/event-publisher';
import { RateLimiter } from './rate-limiter';
import { ACCEPTED_TYPES, readEventsBody } from './read-events-body';
import { noteEventCount } from './record-events.metrics';
import { EventsRejectedError, RecordEventsCommand } from './record-events.command';

export const RETRY_AFTER_SECONDS = 5;

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class RecordEventsController {
  constructor(private readonly commands: CommandBus, private readonly limiter: RateLimiter, private readonly config: IngestConfig) {}

  @Post()
  @Roles('producer')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Post one CloudEvent or a batch of 1–1000; all or nothing; 202 once Kafka acknowledged every event' })
  @ApiConsumes(...ACCEPTED_TYPES)
  @ApiBody({
    schema: { oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' }, minItems: 1, maxItems: 1000 }] },
    examples: {
      ...Object.fromEntries(Object.entries(EVENT_EXAMPLES).map(([type, event]) => [type, { summary: `one ${type} event`, value: event }])),
      batch: { summary: 'a batch (application/cloudevents-batch+json)', value: Object.values(EVENT_EXAMPLES).filter((e) => e.type.startsWith('dossier.')) },
    },
  })
  @ApiResponse({ status: 202, schema: { example: { accepted: 2 } } })
  @ApiResponse({ status: 400, description: 'validation_failed with details [{index, path, message}]' })
  @ApiResponse({ status: 401 }) @ApiResponse({ status: 403 }) @ApiResponse({ status: 413 })
  @ApiResponse({ status: 415 }) @ApiResponse({ status: 429 }) @ApiResponse({ status: 503 })
  async record(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<{ accepted: number }> {
    const nowMs = Date.now();
    const { principal } = req;
    const wait = this.limiter.take(principal.keyId, principal.rateLimitPerSecond ?? this.config.RATE_LIMIT_PER_SECOND, nowMs);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpException({ error: 'rate_limited', message: `too many requests for this key; retry after ${wait} s` }, HttpStatus.TOO_MANY_REQUESTS);
    }
    const events = readEventsBody(req.headers['content-type'], req.body);
    noteEventCount(res, events.length);
    try {
      return { accepted: await this.commands.execute(new RecordEventsCommand(principal, events, nowMs)) };
    } catch (e) {
      if (e instanceof EventsRejectedError) {
        throw new HttpException({ error: e.message, details: e.details }, e.status);
      }
      if (e instanceof BusUnavailableError) {
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        throw new ServiceUnavailableException({ error: 'bus_unavailable', message: `the event bus did not acknowledge: ${e.message}` });
      }
      throw e;
    }
  }
}
