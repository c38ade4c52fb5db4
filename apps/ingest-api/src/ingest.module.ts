import { ADMIN_API_KEY, ApiKeysService, BrokerProbe, HealthController, HttpMetricsMiddleware, LOGGER, MetricsController, READINESS_CHECKS, RolesGuard, loadConfig } from '@app/platform';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EventPublisher } from './bus/event-publisher';
import { AgencyScope } from './events/record-events/agency-scope';
import { RateLimiter } from './events/record-events/rate-limiter';
import { RecordEventsController } from './events/record-events/record-events.controller';
import { RecordEventsHandler } from './events/record-events/record-events.handler';
import { IngestConfig } from './ingest.config';
import { CreateKeyController } from './keys/create-key/create-key.controller';
import { CreateKeyHandler } from './keys/create-key/create-key.handler';

const httpControllers = [RecordEventsController, CreateKeyController, HealthController, MetricsController];
const commandHandlers = [RecordEventsHandler, CreateKeyHandler];
const services = [EventPublisher, AgencyScope, RateLimiter, ApiKeysService, { provide: APP_GUARD, useClass: RolesGuard }];

@Module({})
export class IngestModule implements NestModule {
  static register(config: IngestConfig, db: DataSource, logger: Logger) {
    return {
      module: IngestModule,
      imports: [CqrsModule.forRoot()],
      controllers: httpControllers,
      providers: [
        ...commandHandlers,
        ...services,
        { provide: IngestConfig, useValue: config },
        { provide: DataSource, useValue: db },
        { provide: LOGGER, useValue: logger },
        { provide: ADMIN_API_KEY, useValue: config.ADMIN_API_KEY },
        { provide: BrokerProbe, useFactory: () => new BrokerProbe(config.KAFKA_BROKERS, config.KAFKA_TOPIC) },
        {
          provide: READINESS_CHECKS,
          inject: [EventPublisher, BrokerProbe],
          useFactory: (publisher: EventPublisher, broker: BrokerProbe) => ({
            database: async () => void (await db.query('SELECT 1')),
            kafka: async () => {
              if (!publisher.isConnected) {
                publisher.connectInBackground();
                throw new Error('not connected to Kafka');
              }
              await broker.check();
            },
          }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}

export const readIngestConfig = () => loadConfig(IngestConfig);
