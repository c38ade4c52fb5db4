import { BrokerProbe, HealthController, HttpMetricsMiddleware, LOGGER, MetricsController, READINESS_CHECKS, loadConfig } from '@app/platform';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ProjectionConsumer } from './consume/projection-consumer';
import { ProjectorConfig } from './projector.config';
import { ProjectionStore } from './store/projection-store';

/** The projector: a Kafka consumer with an HTTP side for health and metrics only. */
@Module({})
export class ProjectorModule implements NestModule {
  static register(config: ProjectorConfig, db: DataSource, logger: Logger) {
    return {
      module: ProjectorModule,
      controllers: [HealthController, MetricsController],
      providers: [
        ProjectionStore,
        ProjectionConsumer,
        { provide: ProjectorConfig, useValue: config },
        { provide: DataSource, useValue: db },
        { provide: LOGGER, useValue: logger },
        { provide: BrokerProbe, useFactory: () => new BrokerProbe(config.KAFKA_BROKERS, config.KAFKA_TOPIC) },
        {
          provide: READINESS_CHECKS,
          inject: [ProjectionConsumer, BrokerProbe],
          useFactory: (consumer: ProjectionConsumer, broker: BrokerProbe) => ({
            database: async () => void (await db.query('SELECT 1')),
            consumer: async () => {
              if (!consumer.isRunning) throw new Error('consumer not running');
            },
            kafka: () => broker.check(),
          }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}

export const readProjectorConfig = () => loadConfig(ProjectorConfig);
