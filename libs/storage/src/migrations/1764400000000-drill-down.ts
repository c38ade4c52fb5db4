import { MigrationInterface, QueryRunner } from 'typeorm';

/** The local date (Asia/Ho_Chi_Minh, UTC+7) of an instant: the date of (instant + 7 h). */
const localDay = (instant: string) => `(((${instant}) AT TIME ZONE 'UTC') + interval '7 hours')::date`;
const at = (fact: string) => `(state #>> '{${fact},at}')::timestamptz`;

/**
 * Fills the new columns of dossiers projected before this migration from their stored state. The projector
 * computes the same columns from the same state with the indicator core (`dossierColumns`); this is its
 * SQL equivalent, run once. Local days later than 9999-12-31 count as 9999-12-31, as in the core.
 */
export const BACKFILL_DOSSIER_COLUMNS = `
  UPDATE dossiers SET
    received_channel = state #>> '{received,channel}',
    received_identity_verified = (state #>> '{received,identityVerified}')::boolean,
    synced = state ? 'synced',
    closed_day = CASE WHEN state ? 'received' AND (state ? 'resolved' OR state ? 'withdrawn')
      THEN GREATEST(LEAST(${localDay(at('resolved'))}, ${localDay(at('withdrawn'))}), ${localDay(at('received'))}) END,
    resolved_agency = state #>> '{resolved,agency}',
    resolved_at = ${at('resolved')},
    resolved_timeliness = CASE sign(${localDay(at('resolved'))} - LEAST(${localDay(`(state #>> '{resolved,dueAt}')::timestamptz`)}, '9999-12-31'::date))
      WHEN -1 THEN 'early' WHEN 0 THEN 'onTime' WHEN 1 THEN 'late' END,
    withdrawn_agency = state #>> '{withdrawn,agency}',
    withdrawn_at = ${at('withdrawn')},
    rated_agency = state #>> '{rated,agency}',
    rated_at = ${at('rated')},
    rating = state #>> '{rated,rating}'`;

/**
 * Drill-down: columns saying where and when each fact counts, so that the rows behind any counter of a subtree
 * and date range can be counted and paged from one index each, without reading the table (index-only scans):
 * - dossiers: typed columns the projector maintains from the indicator core (`dossierColumns`);
 * - events: the occurrences' agency and the fields their indicators test, as generated columns of `data`
 *   (this rewrites the event log once).
 * Every index leads with the agency (queries name the subtree's agencies with `= ANY`) and then the instant,
 * so a page comes out in (agency, time) order without sorting.
 */
export class DrillDown1764400000000 implements MigrationInterface {
  name = 'DrillDown1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dossiers
        ADD COLUMN received_channel           text,
        ADD COLUMN received_identity_verified boolean,
        ADD COLUMN synced                     boolean NOT NULL DEFAULT false,
        ADD COLUMN closed_day                 date,
        ADD COLUMN resolved_agency            text,
        ADD COLUMN resolved_at                timestamptz,
        ADD COLUMN resolved_timeliness        text,
        ADD COLUMN withdrawn_agency           text,
        ADD COLUMN withdrawn_at               timestamptz,
        ADD COLUMN rated_agency               text,
        ADD COLUMN rated_at                   timestamptz,
        ADD COLUMN rating                     text`);
    await q.query(BACKFILL_DOSSIER_COLUMNS);
    await q.query(`
      CREATE INDEX dossiers_received_idx ON dossiers (agency_code, received_at, id)
        INCLUDE (received_channel, received_identity_verified, synced) WHERE received_at IS NOT NULL`);
    await q.query(`
      CREATE INDEX dossiers_resolved_idx ON dossiers (resolved_agency, resolved_at, id)
        INCLUDE (resolved_timeliness, received_channel) WHERE resolved_at IS NOT NULL`);
    await q.query(`CREATE INDEX dossiers_withdrawn_idx ON dossiers (withdrawn_agency, withdrawn_at, id) WHERE withdrawn_at IS NOT NULL`);
    await q.query(`CREATE INDEX dossiers_rated_idx ON dossiers (rated_agency, rated_at, id) INCLUDE (rating) WHERE rated_at IS NOT NULL`);
    // carried over / in progress: the dossiers closed after a day, or not closed
    await q.query(`
      CREATE INDEX dossiers_stock_idx ON dossiers (agency_code, closed_day)
        INCLUDE (id, received_at, latest_due_at) WHERE received_at IS NOT NULL`);
    await q.query(`
      ALTER TABLE events
        ADD COLUMN agency_code text    GENERATED ALWAYS AS (data ->> 'agencyCode') STORED,
        ADD COLUMN method      text    GENERATED ALWAYS AS (data ->> 'method') STORED,
        ADD COLUMN electronic  boolean GENERATED ALWAYS AS (data -> 'electronic' = 'true'::jsonb) STORED`);
    await q.query(`
      CREATE INDEX events_occurrences_idx ON events (agency_code, type, time, source, id) INCLUDE (method, electronic)
        WHERE type IN ('dossier.transferred', 'dossier.payment_made', 'workfile.processed')`);
    await q.query(`ANALYZE dossiers`);
    await q.query(`ANALYZE events`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['events_occurrences_idx', 'dossiers_stock_idx', 'dossiers_rated_idx', 'dossiers_withdrawn_idx', 'dossiers_resolved_idx', 'dossiers_received_idx']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await q.query(`ALTER TABLE events DROP COLUMN IF EXISTS agency_code, DROP COLUMN IF EXISTS method, DROP COLUMN IF EXISTS electronic`);
    await q.query(`
      ALTER TABLE dossiers
        DROP COLUMN IF EXISTS received_channel, DROP COLUMN IF EXISTS received_identity_verified, DROP COLUMN IF EXISTS synced,
        DROP COLUMN IF EXISTS closed_day, DROP COLUMN IF EXISTS resolved_agency, DROP COLUMN IF EXISTS resolved_at,
        DROP COLUMN IF EXISTS resolved_timeliness, DROP COLUMN IF EXISTS withdrawn_agency, DROP COLUMN IF EXISTS withdrawn_at,
        DROP COLUMN IF EXISTS rated_agency, DROP COLUMN IF EXISTS rated_at, DROP COLUMN IF EXISTS rating`);
  }
}
