/** The resolution report as CSV (RFC 4180, UTF-8 with BOM so that spreadsheet software reads Vietnamese names). */
import type { ResolutionReport } from './get-resolution-report.handler';

const COLUMNS = [
  'agency', 'name', 'level', 'from', 'to',
  'received_total', 'received_online', 'received_in_person', 'received_postal', 'carried_over',
  'resolved_total', 'resolved_early', 'resolved_on_time', 'resolved_late', 'withdrawn',
  'in_progress_total', 'in_progress_within_deadline', 'in_progress_overdue', 'overdue_now',
] as const;

const cell = (v: string | number): string => {
  const s = String(v);
  // Quote what needs it; a leading = + - @ is prefixed so that spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function resolutionReportCsv(report: ResolutionReport): string {
  const lines = report.rows.map((r) =>
    [
      r.agency, r.name, r.level, report.from, report.to,
      r.received.online + r.received.inPerson + r.received.postal, r.received.online, r.received.inPerson, r.received.postal, r.carriedOver,
      r.resolved.early + r.resolved.onTime + r.resolved.late, r.resolved.early, r.resolved.onTime, r.resolved.late, r.withdrawn,
      r.inProgress.withinDeadline + r.inProgress.overdue, r.inProgress.withinDeadline, r.inProgress.overdue, r.overdueNow,
    ].map(cell).join(','),
  );
  return '\ufeff' + [COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
