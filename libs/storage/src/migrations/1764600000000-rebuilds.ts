import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebuilds of the projections from the event log (`node dist/apps/projector/main.js rebuild`):
 * - events are found by their topic position, so that a rebuild catches up with what the live projector
 *   recorded after the rebuild's snapshot without scanning the log;
 * - one row per rebuild, so that operators see which version of the projection tables serves and how it was made.
 */
export class Rebuilds1764600000000 implements MigrationInterface {
  name = 'Rebuilds1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_position_idx ON events (topic_partition, topic_offset)`);
    await q.query(`
      CREATE TABLE projection_rebuilds (
        version          text PRIMARY KEY,
        started_at       timestamptz NOT NULL,
        loaded_at        timestamptz,
        switched_at      timestamptz,
        status           text NOT NULL CHECK (status IN ('building', 'switched', 'failed')),
        events_loaded    bigint NOT NULL DEFAULT 0,
        events_caught_up bigint NOT NULL DEFAULT 0,
        events_per_second numeric,
        detail           text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS projection_rebuilds`);
    await q.query(`DROP INDEX IF EXISTS events_position_idx`);
  }
}
