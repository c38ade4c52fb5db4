/** Starts a Nest HTTP app the same way in every service: JSON logs, error filter, metrics, OpenAPI, graceful stop. */
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { NestPinoLogger } from '../logger';
import { AllExceptionsFilter } from './all-exceptions.filter';

export interface HttpAppOptions {
  title: string;
  description: string;
  port: number;
  logger: Logger;
  /** Publish OpenAPI at /docs (the HTTP APIs; not the projector). */
  openApi?: boolean;
  /** Express body parsing; services that parse their own bodies turn it off. */
  bodyParser?: boolean;
  configure?: (app: INestApplication) => void;
}

export async function startHttpApp(module: Type<unknown> | DynamicModule, o: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { logger: new NestPinoLogger(o.logger), bodyParser: o.bodyParser ?? true });
  app.useGlobalFilters(new AllExceptionsFilter(o.logger));
  app.enableShutdownHooks();
  o.configure?.(app);
  if (o.openApi) {
    const config = new DocumentBuilder().setTitle(o.title).setDescription(o.description).setVersion('1').addBearerAuth().build();
    SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs/openapi.json' });
  }
  await app.listen(o.port, process.env.HOST ?? '0.0.0.0');
  o.logger.info({ port: o.port }, `${o.title} listening`);
  return app;
}

/** Runs `main`, and on a start-up failure logs it and exits non-zero. */
export function runMain(logger: Logger, main: () => Promise<unknown>): void {
  main().catch((err: Error) => {
    logger.fatal({ err: { message: err.message, stack: err.stack } }, 'failed to start');
    setTimeout(() => process.exit(1), 100);
  });
}
