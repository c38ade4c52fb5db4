/**
 * Which dossiers make up each column of the resolution report (libs/indicators/src/report.ts): received,
 * resolved and withdrawn under the fact's own agency and day; the stock columns under the received agency.
 */
import { OVERDUE_NOW, STOCK, Selection, factDossiers, stockDossiers } from '../../read-model/drill-down.sql';

export const REPORT_COLUMNS = [
  'received.online', 'received.inPerson', 'received.postal', 'carriedOver', 'resolved.early', 'resolved.onTime', 'resolved.late',
  'withdrawn', 'inProgress.withinDeadline', 'inProgress.overdue', 'overdueNow',
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

const channel = (c: string) => factDossiers('received', `d.received_channel = '${c}'`);
const timeliness = (t: string) => factDossiers('resolved', `d.resolved_timeliness = '${t}'`);

export const REPORT_COLUMN_ITEMS: Record<ReportColumn, Selection> = {
  'received.online': channel('online'),
  'received.inPerson': channel('in_person'),
  'received.postal': channel('postal'),
  carriedOver: stockDossiers(STOCK.carriedOver),
  'resolved.early': timeliness('early'),
  'resolved.onTime': timeliness('onTime'),
  'resolved.late': timeliness('late'),
  withdrawn: factDossiers('withdrawn'),
  'inProgress.withinDeadline': stockDossiers(`${STOCK.inProgressAtTo} AND NOT (${STOCK.overdueAtTo})`),
  'inProgress.overdue': stockDossiers(`${STOCK.inProgressAtTo} AND ${STOCK.overdueAtTo}`),
  overdueNow: OVERDUE_NOW,
};
