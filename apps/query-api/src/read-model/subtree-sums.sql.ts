import { COUNTERS } from '@app/indicators';
import { SUBTREE_CTE } from './agency-subtree.sql';
import { CATALOG_CTE } from './catalog.sql';

/**
 * One round trip for an agency subtree and [from, to]: per branch (direct child subtree) and agency level,
 * the counter sums over the range and the stock sums the report needs (from the first day on record); the
 * open dossiers overdue now per branch; the current catalog of the whole subtree; the agency and its children.
 * $1 agency, $2 from, $3 to, $4 now.
 */
export const SUBTREE_SUMS = `
  WITH RECURSIVE ${SUBTREE_CTE},
  sums AS (
    SELECT t.branch, t.level,
      ${COUNTERS.map((c) => `COALESCE(SUM(c.${c}) FILTER (WHERE c.day >= $2::date), 0) AS ${c}`).join(',\n      ')},
      COALESCE(SUM(c.opened - c.closed) FILTER (WHERE c.day < $2::date), 0) AS open_before_from,
      COALESCE(SUM(c.opened - c.closed), 0) AS open_at_to,
      COALESCE(SUM(c.overdue_from - c.overdue_to), 0) AS overdue_at_to
    FROM agency_day_counters c JOIN tree t ON t.code = c.agency_code
    WHERE c.day <= $3::date
    GROUP BY t.branch, t.level
  ),
  overdue AS (
    SELECT t.branch, count(*) AS n FROM dossiers d JOIN tree t ON t.code = d.agency_code
    WHERE d.is_open AND d.latest_due_at < $4::timestamptz
    GROUP BY t.branch
  ),
  ${CATALOG_CTE}
  SELECT
    (SELECT COALESCE(json_agg(json_build_object('code', a.code, 'name', a.name, 'level', a.level) ORDER BY a.code), '[]'::json)
       FROM agencies a WHERE a.code = $1 OR a.parent_code = $1) AS agencies,
    (SELECT COALESCE(json_agg(sums), '[]'::json) FROM sums) AS sums,
    (SELECT COALESCE(json_agg(overdue), '[]'::json) FROM overdue) AS overdue,
    (SELECT row_to_json(catalog) FROM catalog) AS catalog`;
