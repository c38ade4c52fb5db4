import { COUNTERS } from '@app/indicators';
import { SUBTREE_CTE } from './agency-subtree.sql';

/**
 * One round trip for an agency subtree and [from, to]: counter sums per agency level over the range, the
 * stock sums the report needs (from the first day on record), the current catalog, and overdueNow.
 * $1 agency, $2 from, $3 to, $4 now.
 */
export const INDICATOR_SUMS = `
  WITH RECURSIVE ${SUBTREE_CTE},
  sums AS (
    SELECT t.level,
      ${COUNTERS.map((c) => `COALESCE(SUM(c.${c}) FILTER (WHERE c.day >= $2::date), 0) AS ${c}`).join(',\n      ')},
      COALESCE(SUM(c.opened - c.closed) FILTER (WHERE c.day < $2::date), 0) AS open_before_from,
      COALESCE(SUM(c.opened - c.closed), 0) AS open_at_to,
      COALESCE(SUM(c.overdue_from - c.overdue_to), 0) AS overdue_at_to
    FROM agency_day_counters c JOIN tree t ON t.code = c.agency_code
    WHERE c.day <= $3::date
    GROUP BY t.level
  ),
  catalog AS (
    SELECT count(*) AS procedures,
      count(*) FILTER (WHERE p.online_level <> 'none') AS online,
      count(*) FILTER (WHERE p.fee_required) AS "feeRequired",
      count(*) FILTER (WHERE p.fee_required AND p.online_payment) AS "feeRequiredOnlinePayment",
      count(*) FILTER (WHERE p.online_level = 'full') AS "fullOnline",
      count(*) FILTER (WHERE p.online_level = 'full' AND p.mobile) AS "fullOnlineMobile"
    FROM procedures p JOIN tree t ON t.code = p.agency_code
  )
  SELECT
    EXISTS (SELECT 1 FROM tree) AS found,
    (SELECT COALESCE(json_agg(sums), '[]'::json) FROM sums) AS sums,
    (SELECT row_to_json(catalog) FROM catalog) AS catalog,
    (SELECT count(*) FROM dossiers d JOIN tree t ON t.code = d.agency_code
      WHERE d.is_open AND d.latest_due_at < $4::timestamptz)::int AS overdue_now`;
