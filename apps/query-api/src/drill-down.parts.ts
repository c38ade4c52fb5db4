/** Drill-down: the rows behind every indicator, report column and the overdue figure (registered by query.module.ts). */
import { GetOverdueDossiersController } from './dossiers/get-overdue-dossiers/get-overdue-dossiers.controller';
import { GetOverdueDossiersHandler } from './dossiers/get-overdue-dossiers/get-overdue-dossiers.handler';
import { GetIndicatorItemsController } from './indicators/get-indicator-items/get-indicator-items.controller';
import { GetIndicatorItemsHandler } from './indicators/get-indicator-items/get-indicator-items.handler';
import { DrillDownReader } from './read-model/drill-down';
import { GetResolutionReportItemsController } from './reports/get-resolution-report-items/get-resolution-report-items.controller';
import { GetResolutionReportItemsHandler } from './reports/get-resolution-report-items/get-resolution-report-items.handler';

export const drillDownControllers = [GetIndicatorItemsController, GetResolutionReportItemsController, GetOverdueDossiersController];
export const drillDownQueryHandlers = [GetIndicatorItemsHandler, GetResolutionReportItemsHandler, GetOverdueDossiersHandler];
export const drillDownServices = [DrillDownReader];
