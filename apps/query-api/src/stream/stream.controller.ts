import { Roles } from '@app/platform';
import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { QueryConfig } from '../query.config';
import { SnapshotHub, Subscription } from './snapshot-hub';
import { parseSnapshotId } from './snapshot-id';
import { SseConnection } from './sse-connection';
import { StreamRequestDto } from './stream.request.dto';

@ApiTags('stream')
@ApiBearerAuth()
@Controller('v1/stream')
export class StreamController {
  constructor(private readonly hub: SnapshotHub, private readonly config: QueryConfig) {}

  @Get()
  @Roles('reader')
  @ApiOperation({
    summary: "Server-Sent Events: the agency subtree's indicators and report for today and this month, on connect and whenever they change (at most one a second)",
    description:
      '`event: snapshot`, `data: {agency, asOf, today: {from, to, indicators, report}, month: {from, to, indicators, report}}`. ' +
      '`id:` is `<local day>.<projection position>.<content hash>`; reconnect with `Last-Event-ID` to be sent only what is newer. ' +
      '`: ping` comments keep the connection open; `retry:` hints the reconnection delay.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'the id of the last snapshot the client received' })
  @ApiResponse({ status: 200, description: 'an event stream' })
  @ApiResponse({ status: 404, description: 'unknown agency' })
  async stream(@Query() q: StreamRequestDto, @Headers('last-event-id') lastEventId: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    let subscription: Subscription | undefined;
    const connection = new SseConnection(res, () => subscription?.unsubscribe());
    // Errors (404 unknown agency) are thrown here, before any byte of the stream is written.
    subscription = await this.hub.subscribe(q.agency, { deliver: (s) => connection.send(s), close: () => connection.close() });
    if (connection.isClosed || req.destroyed) {
      subscription.unsubscribe();
      return;
    }
    connection.open(this.config.STREAM_RETRY_MS, this.config.STREAM_HEARTBEAT_MS);
    connection.resume(subscription.current, parseSnapshotId(lastEventId));
  }
}
