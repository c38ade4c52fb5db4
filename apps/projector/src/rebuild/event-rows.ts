/** Events as the rebuild reads them back from the event log, and how it cuts them into batches. */
import type { RecordedEvent } from '@app/contract';

/** The columns a rebuild reads; `at` in the contract's normalised form (UTC, microseconds, fixed width). */
export const EVENT_COLUMNS = `source, id, type, subject,
  to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, data, extensions`;

export interface EventRow {
  source: string;
  id: string;
  type: string;
  subject: string;
  at: string;
  data: Record<string, unknown>;
  extensions: Record<string, string | number | boolean> | null;
}

export function toRecordedEvent(r: EventRow): RecordedEvent {
  return {
    source: r.source,
    id: r.id,
    type: r.type,
    subject: r.subject,
    at: r.at,
    data: r.data,
    ...(r.extensions ? { extensions: r.extensions } : {}),
  } as unknown as RecordedEvent;
}

/**
 * Rows come sorted by subject. Unless they are the last, the rows of the last subject may continue in the
 * next fetch: they are carried over, so that every subject's events are projected in one batch.
 */
export function cutAtSubject<T extends { subject: string }>(rows: T[], last: boolean): { complete: T[]; carry: T[] } {
  if (last || rows.length === 0) return { complete: rows, carry: [] };
  const subject = rows[rows.length - 1].subject;
  let cut = rows.length - 1;
  while (cut > 0 && rows[cut - 1].subject === subject) cut--;
  return { complete: rows.slice(0, cut), carry: rows.slice(cut) };
}
