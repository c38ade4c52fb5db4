/** The alerts' SQL: rules, their state, and the delivery outbox (migration 1764500000000-alerts). */

/** Held (per transaction) by the one process evaluating rules at a time. */
export const EVALUATOR_LOCK = 7_302_025_002;

const RULE_COLUMNS = `id, indicator, level, agency_code, threshold, target, time_window, direction, min_denominator, webhook_url,
  created_at, state, state_changed_at`;

export const AGENCY_EXISTS = `SELECT 1 FROM agencies WHERE code = $1`;

export const INSERT_RULE = `
  INSERT INTO alert_rules (indicator, level, agency_code, threshold, target, time_window, direction, min_denominator, webhook_url)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  RETURNING ${RULE_COLUMNS}`;

export const SELECT_RULES = `SELECT ${RULE_COLUMNS} FROM alert_rules ORDER BY created_at, id`;

export const SELECT_RULE = `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = $1`;

export const DELETE_RULE = `DELETE FROM alert_rules WHERE id = $1`;

export const TRY_EVALUATOR_LOCK = `SELECT pg_try_advisory_xact_lock(${EVALUATOR_LOCK}) AS locked`;

/** How far the projections are, read before the sums: an evaluation sees at least this much. */
export const EVENTS_APPLIED = `SELECT COALESCE(sum(events_applied), 0)::float8 AS n FROM projector_offsets WHERE topic = $1`;

/**
 * A crossing: the rule's new state and its notification in the outbox, in one statement. The `state <> $2`
 * guard makes a second evaluator that decided from the same old state change nothing and enqueue nothing.
 */
export const RECORD_CROSSING = `
  WITH moved AS (
    UPDATE alert_rules SET state = $2, state_changed_at = $3 WHERE id = $1 AND state <> $2 RETURNING id
  )
  INSERT INTO alert_deliveries (rule_id, state, payload) SELECT id, $4, $5 FROM moved RETURNING id`;

/**
 * The next due notification, locked for the caller's transaction; rows other processes hold are skipped.
 * A rule's notifications go out in order: one waits while an earlier one of its rule is pending.
 */
export const CLAIM_DUE_DELIVERY = `
  SELECT d.id, d.payload, d.attempts, r.webhook_url
  FROM alert_deliveries d JOIN alert_rules r ON r.id = d.rule_id
  WHERE d.status = 'pending' AND d.next_attempt_at <= now()
    AND NOT EXISTS (SELECT 1 FROM alert_deliveries e WHERE e.rule_id = d.rule_id AND e.status = 'pending' AND e.id < d.id)
  ORDER BY d.next_attempt_at, d.id
  LIMIT 1
  FOR UPDATE OF d SKIP LOCKED`;

export const MARK_DELIVERED = `
  UPDATE alert_deliveries SET status = 'delivered', attempts = $2, last_status_code = $3, last_error = NULL, finished_at = now()
  WHERE id = $1`;

export const MARK_FOR_RETRY = `
  UPDATE alert_deliveries SET attempts = $2, last_status_code = $3, last_error = $4,
    next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
  WHERE id = $1`;

export const MARK_FAILED = `
  UPDATE alert_deliveries SET status = 'failed', attempts = $2, last_status_code = $3, last_error = $4, finished_at = now()
  WHERE id = $1`;

export const RECENT_DELIVERIES = `
  SELECT id, state, status, attempts, last_status_code, last_error, created_at, next_attempt_at, finished_at, payload
  FROM alert_deliveries WHERE rule_id = $1 ORDER BY id DESC LIMIT $2`;
