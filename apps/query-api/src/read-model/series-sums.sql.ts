import { COUNTERS } from '@app/indicators';
import { SUBTREE_CTE } from './agency-subtree.sql';

/** Counter sums of an agency subtree per bucket (date_trunc) and agency level. $1 agency, $2 from, $3 to, $4 interval. */
export const SERIES_SUMS = `
  WITH RECURSIVE ${SUBTREE_CTE}
  SELECT date_trunc($4, c.day::timestamp)::date::text AS bucket, t.level,
    ${COUNTERS.map((c) => `SUM(c.${c}) AS ${c}`).join(', ')}
  FROM agency_day_counters c JOIN tree t ON t.code = c.agency_code
  WHERE c.day BETWEEN $2::date AND $3::date
  GROUP BY 1, 2`;
