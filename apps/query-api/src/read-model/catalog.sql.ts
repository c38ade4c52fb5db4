import { SUBTREE_CTE } from './agency-subtree.sql';

/** The current catalog of an agency subtree (catalog indicators ignore the date range). Needs the `tree` CTE. */
export const CATALOG_CTE = `
  catalog AS (
    SELECT count(*) AS procedures,
      count(*) FILTER (WHERE p.online_level <> 'none') AS online,
      count(*) FILTER (WHERE p.fee_required) AS "feeRequired",
      count(*) FILTER (WHERE p.fee_required AND p.online_payment) AS "feeRequiredOnlinePayment",
      count(*) FILTER (WHERE p.online_level = 'full') AS "fullOnline",
      count(*) FILTER (WHERE p.online_level = 'full' AND p.mobile) AS "fullOnlineMobile"
    FROM procedures p JOIN tree t ON t.code = p.agency_code
  )`;

/** Whether agency $1 is registered, and its subtree's catalog. */
export const SUBTREE_CATALOG = `
  WITH RECURSIVE ${SUBTREE_CTE}, ${CATALOG_CTE}
  SELECT EXISTS (SELECT 1 FROM tree) AS found, (SELECT row_to_json(catalog) FROM catalog) AS catalog`;
