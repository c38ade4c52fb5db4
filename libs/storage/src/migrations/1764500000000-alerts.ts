import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts: rules with their last known state, and a transactional outbox of webhook notifications. A crossing
 * changes a rule's state and inserts its delivery row in one transaction, so it is recorded once and sent
 * after a restart; delivery rows are claimed with FOR UPDATE SKIP LOCKED by one process at a time.
 */
export class Alerts1764500000000 implements MigrationInterface {
  name = 'Alerts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_rules (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator        text        NOT NULL,
        level            text,
        agency_code      text        NOT NULL,
        threshold        double precision CHECK (threshold BETWEEN 0 AND 1),
        target           text        CHECK (target IN ('2025', '2030')),
        time_window      text        NOT NULL CHECK (time_window IN ('today', 'month', 'last7days', 'last30days')),
        direction        text        NOT NULL CHECK (direction IN ('below', 'above')),
        min_denominator  integer     NOT NULL CHECK (min_denominator >= 1),
        webhook_url      text        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        state            text        NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'breached')),
        state_changed_at timestamptz,
        CHECK ((threshold IS NULL) <> (target IS NULL))
      )`);
    await q.query(`
      CREATE TABLE alert_deliveries (
        id               bigserial PRIMARY KEY,
        rule_id          uuid        NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
        state            text        NOT NULL CHECK (state IN ('breached', 'resolved')),
        payload          jsonb       NOT NULL,
        status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts         integer     NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        last_status_code integer,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        finished_at      timestamptz
      )`);
    await q.query(`CREATE INDEX alert_deliveries_pending_idx ON alert_deliveries (next_attempt_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX alert_deliveries_rule_idx ON alert_deliveries (rule_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS alert_deliveries`);
    await q.query(`DROP TABLE IF EXISTS alert_rules`);
  }
}
