import { ADMIN_API_KEY, ApiKeysService, HealthController, HttpMetricsMiddleware, LOGGER, MetricsController, READINESS_CHECKS, RolesGuard, loadConfig } from '@app/platform';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { GetAgenciesController } from './agencies/get-agencies/get-agencies.controller';
import { GetAgenciesHandler } from './agencies/get-agencies/get-agencies.handler';
import { alertCommandHandlers, alertControllers, alertQueryHandlers, alertServices } from './alerts/alerts.parts';
import { DashboardAssets } from './dashboard/dashboard-assets';
import { DashboardController } from './dashboard/dashboard.controller';
import { drillDownControllers, drillDownQueryHandlers, drillDownServices } from './drill-down.parts';
import { GetIndicatorSeriesController } from './indicators/get-indicator-series/get-indicator-series.controller';
import { GetIndicatorSeriesHandler } from './indicators/get-indicator-series/get-indicator-series.handler';
import { GetResolutionReportController } from './reports/get-resolution-report/get-resolution-report.controller';
import { GetResolutionReportHandler } from './reports/get-resolution-report/get-resolution-report.handler';
import { GetIndicatorsController } from './indicators/get-indicators/get-indicators.controller';
import { GetIndicatorsHandler } from './indicators/get-indicators/get-indicators.handler';
import { IndicatorGauges } from './indicators/indicator-gauges/indicator-gauges';
import { QueryConfig } from './query.config';
import { SubtreeSumsReader } from './read-model/subtree-sums';
import { GetStatusController } from './status/get-status/get-status.controller';
import { GetStatusHandler } from './status/get-status/get-status.handler';
import { TopicOffsets } from './status/get-status/topic-offsets';
import { streamControllers, streamServices } from './stream/stream.parts';

const httpControllers = [GetIndicatorSeriesController, GetIndicatorsController, GetResolutionReportController, GetStatusController, HealthController, MetricsController, ...alertControllers, GetAgenciesController, ...streamControllers, DashboardController, ...drillDownControllers];
const queryHandlers = [GetIndicatorsHandler, GetIndicatorSeriesHandler, GetResolutionReportHandler, GetStatusHandler, ...alertQueryHandlers, GetAgenciesHandler, ...drillDownQueryHandlers];
const services = [SubtreeSumsReader, TopicOffsets, IndicatorGauges, ApiKeysService, { provide: APP_GUARD, useClass: RolesGuard }, ...alertServices, ...streamServices, DashboardAssets, ...drillDownServices];

@Module({})
export class QueryModule implements NestModule {
  static register(config: QueryConfig, db: DataSource, logger: Logger) {
    return {
      module: QueryModule,
      imports: [CqrsModule.forRoot()],
      controllers: httpControllers,
      providers: [
        ...queryHandlers,
        ...alertCommandHandlers,
        ...services,
        { provide: QueryConfig, useValue: config },
        { provide: DataSource, useValue: db },
        { provide: LOGGER, useValue: logger },
        { provide: ADMIN_API_KEY, useValue: config.ADMIN_API_KEY },
        { provide: READINESS_CHECKS, useValue: { database: async () => void (await db.query('SELECT 1')) } },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}

export const readQueryConfig = () => loadConfig(QueryConfig);
