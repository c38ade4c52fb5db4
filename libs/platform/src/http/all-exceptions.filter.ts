/**
 * Every error leaves as JSON `{error, message, ...}`. HttpExceptions keep their status; anything else is a
 * server fault (500), logged with its stack. Client mistakes are always raised as HttpExceptions.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';

const ERROR_NAMES: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited', 503: 'unavailable',
};

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload =
        typeof body === 'object' && body !== null && 'error' in body && typeof (body as { error: unknown }).error === 'string' && !('statusCode' in body)
          ? body
          : { error: ERROR_NAMES[status] ?? 'error', message: typeof body === 'string' ? body : (body as { message?: unknown }).message ?? exception.message };
      res.status(status).json(payload);
      return;
    }
    this.logger.error({ err: exception }, 'unhandled error');
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ error: 'internal', message: 'internal server error' });
  }
}
