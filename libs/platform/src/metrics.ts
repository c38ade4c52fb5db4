/** Prometheus metrics: one registry per process, default Node.js metrics, HTTP request latency. */
import { Controller, Get, Header, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/**
 * The `route` label is the matched route's pattern (`/v1/agencies/:code`), never the raw URL: ids and query
 * strings would make a series per request. Requests no route matched (404s, probes) share `unmatched`.
 */
const routeLabel = (req: Request): string => {
  const path: unknown = req.route?.path;
  return typeof path === 'string' && path !== '' ? path : 'unmatched';
};

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const end = httpRequestDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: routeLabel(req), status: String(res.statusCode) }));
    next();
  }
}

@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('Content-Type', registry.contentType)
  metrics(): Promise<string> {
    return registry.metrics();
  }
}
