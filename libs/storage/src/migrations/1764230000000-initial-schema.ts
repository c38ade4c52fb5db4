import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: the event log (source of truth for rebuilds), reference data, one row per dossier,
 * per-agency per-local-day counters, the projector's Kafka offsets, and API keys.
 */
export class InitialSchema1764230000000 implements MigrationInterface {
  name = 'InitialSchema1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        source          text        NOT NULL,
        id              text        NOT NULL,
        type            text        NOT NULL,
        subject         text        NOT NULL,
        time            timestamptz NOT NULL,
        data            jsonb       NOT NULL,
        extensions      jsonb,
        topic_partition integer     NOT NULL,
        topic_offset    bigint      NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, id)
      )`);
    await q.query(`
      CREATE TABLE agencies (
        code        text PRIMARY KEY,
        name        text  NOT NULL,
        level       text  NOT NULL,
        parent_code text,
        state       jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX agencies_parent_code_idx ON agencies (parent_code)`);
    await q.query(`
      CREATE TABLE procedures (
        code           text PRIMARY KEY,
        agency_code    text    NOT NULL,
        fee_required   boolean NOT NULL,
        online_payment boolean NOT NULL,
        online_level   text    NOT NULL,
        mobile         boolean NOT NULL,
        state          jsonb   NOT NULL
      )`);
    await q.query(`CREATE INDEX procedures_agency_code_idx ON procedures (agency_code)`);
    await q.query(`
      CREATE TABLE dossiers (
        id            text PRIMARY KEY,
        state         jsonb   NOT NULL,
        agency_code   text,
        received_at   timestamptz,
        latest_due_at timestamptz,
        is_open       boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX dossiers_open_due_idx ON dossiers (agency_code, latest_due_at) WHERE is_open`);
    await q.query(`
      CREATE TABLE agency_day_counters (
        agency_code              text   NOT NULL,
        day                      date   NOT NULL,
        transfers                bigint NOT NULL DEFAULT 0,
        transfers_electronic     bigint NOT NULL DEFAULT 0,
        payments                 bigint NOT NULL DEFAULT 0,
        payments_online          bigint NOT NULL DEFAULT 0,
        workfiles                bigint NOT NULL DEFAULT 0,
        workfiles_electronic     bigint NOT NULL DEFAULT 0,
        received                 bigint NOT NULL DEFAULT 0,
        received_online          bigint NOT NULL DEFAULT 0,
        received_in_person       bigint NOT NULL DEFAULT 0,
        received_postal          bigint NOT NULL DEFAULT 0,
        received_online_verified bigint NOT NULL DEFAULT 0,
        received_synced          bigint NOT NULL DEFAULT 0,
        resolved                 bigint NOT NULL DEFAULT 0,
        resolved_online          bigint NOT NULL DEFAULT 0,
        resolved_early           bigint NOT NULL DEFAULT 0,
        resolved_on_time         bigint NOT NULL DEFAULT 0,
        resolved_late            bigint NOT NULL DEFAULT 0,
        withdrawn                bigint NOT NULL DEFAULT 0,
        ratings                  bigint NOT NULL DEFAULT 0,
        ratings_satisfied        bigint NOT NULL DEFAULT 0,
        opened                   bigint NOT NULL DEFAULT 0,
        closed                   bigint NOT NULL DEFAULT 0,
        overdue_from             bigint NOT NULL DEFAULT 0,
        overdue_to               bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (agency_code, day)
      )`);
    await q.query(`
      CREATE TABLE projector_offsets (
        topic          text    NOT NULL,
        partition      integer NOT NULL,
        next_offset    bigint  NOT NULL,
        events_applied bigint  NOT NULL DEFAULT 0,
        duplicates     bigint  NOT NULL DEFAULT 0,
        rejected       bigint  NOT NULL DEFAULT 0,
        last_event_at  timestamptz,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic, partition)
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id                    text PRIMARY KEY,
        secret_sha256         bytea       NOT NULL,
        role                  text        NOT NULL CHECK (role IN ('producer', 'reader', 'admin')),
        source                text,
        agencies              text[],
        rate_limit_per_second integer,
        created_at            timestamptz NOT NULL DEFAULT now(),
        revoked_at            timestamptz,
        CHECK (role <> 'producer' OR (source IS NOT NULL AND agencies IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['api_keys', 'projector_offsets', 'agency_day_counters', 'dossiers', 'procedures', 'agencies', 'events']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
