/**
 * The rows behind each counter, as SQL over the typed columns the projector keeps beside each dossier
 * (libs/indicators/src/dossier-columns.ts) and over the event log. Every selection restates a counter rule of
 * dossier-contribution.ts / occurrence-contribution.ts: a fact counts under its own agency on the local day
 * of its instant, and "local day in [from, to]" is "instant in [from 00:00+07:00, to+1 00:00+07:00)".
 *
 * Named parameters (see `bind`): $codes the subtree's agency codes, $from and $to (local dates), $now (the
 * clock reading), $limit and $offset (the page), $type (an event type).
 */
import { SUBTREE_CTE } from './agency-subtree.sql';

/** The instant a local date starts (00:00 at UTC+7). */
const dayStart = (date: string) => `((${date})::timestamp - interval '7 hours') AT TIME ZONE 'UTC'`;
const FROM = dayStart('$from::date');
const TO_START = dayStart('$to::date');
const TO_END = dayStart('$to::date + 1');

export type DossierFact = 'received' | 'resolved' | 'withdrawn' | 'rated';

const FACT_COLUMNS: Record<DossierFact, { agency: string; at: string }> = {
  received: { agency: 'agency_code', at: 'received_at' },
  resolved: { agency: 'resolved_agency', at: 'resolved_at' },
  withdrawn: { agency: 'withdrawn_agency', at: 'withdrawn_at' },
  rated: { agency: 'rated_agency', at: 'rated_at' },
};

/**
 * What one list selects, and in which order (`order`: two sort keys; ties broken by the row's identity).
 * `view` names the item shape: a fact's dossiers, the dossiers of the report's stock columns, or overdue ones.
 */
export type Selection =
  | { kind: 'dossiers'; view: DossierFact | 'stock' | 'overdue'; where: string; order: [string, string] }
  | { kind: 'events'; type: string; where: string }
  | { kind: 'procedures'; where: string };

/** Dossiers whose `fact` lies in the subtree and range and that satisfy `where`; by agency, then time. */
export function factDossiers(fact: DossierFact, where = 'true'): Selection {
  const { agency, at } = FACT_COLUMNS[fact];
  return {
    kind: 'dossiers',
    view: fact,
    where: `d.${agency} = ANY($codes::text[]) AND d.${at} >= ${FROM} AND d.${at} < ${TO_END} AND (${where})`,
    order: [`d.${agency}`, `d.${at}`],
  };
}

/**
 * The report's stock columns (dossier-contribution.ts addStock), on the received agency: open on local day t
 * ⇔ received on or before t and closed_day (the first close, not before the receipt) after t.
 */
export const STOCK = {
  carriedOver: `d.agency_code = ANY($codes::text[]) AND d.received_at < ${FROM} AND (d.closed_day IS NULL OR d.closed_day >= $from::date)`,
  inProgressAtTo: `d.agency_code = ANY($codes::text[]) AND d.received_at < ${TO_END} AND (d.closed_day IS NULL OR d.closed_day > $to::date)`,
  /** date(latest dueAt) < to ⇔ latest dueAt before `to` starts. */
  overdueAtTo: `d.latest_due_at < ${TO_START}`,
};

export function stockDossiers(where: string): Selection {
  return { kind: 'dossiers', view: 'stock', where, order: ['d.agency_code', 'd.received_at'] };
}

/** Open now and past the latest dueAt: the report's overdueNow; most overdue (earliest deadline) first. */
export const OVERDUE_NOW: Selection = {
  kind: 'dossiers',
  view: 'overdue',
  where: `d.agency_code = ANY($codes::text[]) AND d.is_open AND d.latest_due_at < $now::timestamptz`,
  order: ['d.latest_due_at', 'd.agency_code'],
};

/** Occurrences of `type` in the subtree and range (their own agency and local day); `where` over the event's columns. */
export function occurrences(type: string, where = 'true'): Selection {
  return { kind: 'events', type, where };
}

/** Procedures of the subtree's current catalog (no date range). */
export function procedures(where = 'true'): Selection {
  return { kind: 'procedures', where: `p.agency_code = ANY($codes::text[]) AND (${where})` };
}

/**
 * The total and one page, in one statement (one snapshot). Both read only the selection's index; the page's
 * rows are then joined for their content.
 */
export function pageQuery(s: Selection): string {
  switch (s.kind) {
    case 'dossiers':
      return `
        WITH selected AS NOT MATERIALIZED (SELECT d.id, ${s.order[0]} AS k1, ${s.order[1]} AS k2 FROM dossiers d WHERE ${s.where})
        SELECT (SELECT count(*) FROM selected) AS total,
          (SELECT COALESCE(json_agg(json_build_object('id', d.id, 'state', d.state, 'closedDay', d.closed_day) ORDER BY p.k1, p.k2, p.id), '[]'::json)
             FROM (SELECT id, k1, k2 FROM selected ORDER BY k1, k2, id LIMIT $limit OFFSET $offset) p JOIN dossiers d ON d.id = p.id) AS items`;
    case 'events':
      return `
        WITH selected AS NOT MATERIALIZED (
          SELECT e.agency_code, e.time, e.source, e.id FROM events e
          WHERE e.agency_code = ANY($codes::text[]) AND e.type = $type AND e.time >= ${FROM} AND e.time < ${TO_END} AND (${s.where}))
        SELECT (SELECT count(*) FROM selected) AS total,
          (SELECT COALESCE(json_agg(json_build_object(
                 'source', e.source, 'id', e.id, 'subject', e.subject,
                 'time', to_char(e.time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'data', e.data)
               ORDER BY p.agency_code, p.time, p.source, p.id), '[]'::json)
             FROM (SELECT * FROM selected ORDER BY agency_code, time, source, id LIMIT $limit OFFSET $offset) p
             JOIN events e ON e.source = p.source AND e.id = p.id) AS items`;
    case 'procedures':
      return `
        WITH selected AS NOT MATERIALIZED (SELECT p.code FROM procedures p WHERE ${s.where})
        SELECT (SELECT count(*) FROM selected) AS total,
          (SELECT COALESCE(json_agg(json_build_object('code', p.code, 'agency', p.agency_code, 'state', p.state) ORDER BY p.code), '[]'::json)
             FROM (SELECT code FROM selected ORDER BY code LIMIT $limit OFFSET $offset) s JOIN procedures p ON p.code = s.code) AS items`;
  }
}

/** The agencies of the subtree of $1 as the tree stands now, with their levels (none: unknown agency). */
export const SUBTREE_AGENCIES = `WITH RECURSIVE ${SUBTREE_CTE} SELECT code, level FROM tree`;

/** Named parameters ($codes, $from, …) to PostgreSQL's positional ones, numbering only those the text uses. */
export function bind(text: string, values: Record<string, unknown>): [string, unknown[]] {
  const names: string[] = [];
  const sql = text.replace(/\$([a-z][A-Za-z]*)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for $${name}`);
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return [sql, names.map((n) => values[n])];
}
