/**
 * Express body parsers whose failures answer JSON 4xx (413 too large, 400 malformed, 415 bad encoding)
 * instead of reaching Express's HTML error page.
 */
import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';

function answering(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (failure?: unknown) => {
      if (!failure) return next();
      const err = failure as { status?: number; type?: string; message?: string };
      const status = err.type === 'entity.too.large' ? 413 : err.status === 415 ? 415 : 400;
      const error = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'validation_failed';
      res.status(status).json({ error, message: err.message ?? 'unreadable body' });
    });
}

/** The raw bytes of any content type (the route decides what it accepts). */
export const rawBody = (limitBytes: number): RequestHandler => answering(express.raw({ type: () => true, limit: limitBytes }));

export const jsonBody = (limitBytes: number): RequestHandler => answering(express.json({ limit: limitBytes }));

/** DTO validation for request bodies and query strings: 400 naming each bad field, unknown fields refused. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) =>
      new BadRequestException({
        error: 'validation_failed',
        details: errors.map((e) => ({ path: e.property, message: Object.values(e.constraints ?? { invalid: 'is invalid' }).join('; ') })),
      }),
  });
}
