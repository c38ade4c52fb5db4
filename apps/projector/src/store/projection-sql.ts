/** The SQL of one projection transaction. Arrays go in through unnest(): one parameter per column. */
import { COUNTERS, DossierColumns } from '@app/indicators';
import { PROJECTIONS_CHANGED_CHANNEL } from '@app/storage';

export const LOCK_OFFSET = `
  INSERT INTO projector_offsets (topic, partition, next_offset) VALUES ($1, $2, 0)
  ON CONFLICT (topic, partition) DO UPDATE SET topic = EXCLUDED.topic
  RETURNING next_offset`;

export const INSERT_EVENTS = `
  INSERT INTO events (source, id, type, subject, time, data, extensions, topic_partition, topic_offset)
  SELECT s, i, t, sub, tm, d, x, $8, o
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[], $7::jsonb[], $9::bigint[])
       AS e(s, i, t, sub, tm, d, x, o)
  ON CONFLICT (source, id) DO NOTHING
  RETURNING source, id`;

export const SELECT_DOSSIERS = `SELECT id, state FROM dossiers WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`;
export const SELECT_AGENCIES = `SELECT code, state FROM agencies WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE`;
export const SELECT_PROCEDURES = `SELECT code, state FROM procedures WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE`;

/** The dossier's typed columns beside its state (the indicator core's `dossierColumns`), with their SQL types. */
export const DOSSIER_COLUMNS: readonly (readonly [column: string, type: string, key: keyof DossierColumns])[] = [
  ['agency_code', 'text', 'agencyCode'],
  ['received_at', 'timestamptz', 'receivedAt'],
  ['received_channel', 'text', 'receivedChannel'],
  ['received_identity_verified', 'boolean', 'receivedIdentityVerified'],
  ['synced', 'boolean', 'synced'],
  ['latest_due_at', 'timestamptz', 'latestDueAt'],
  ['is_open', 'boolean', 'isOpen'],
  ['closed_day', 'date', 'closedDay'],
  ['resolved_agency', 'text', 'resolvedAgency'],
  ['resolved_at', 'timestamptz', 'resolvedAt'],
  ['resolved_timeliness', 'text', 'resolvedTimeliness'],
  ['withdrawn_agency', 'text', 'withdrawnAgency'],
  ['withdrawn_at', 'timestamptz', 'withdrawnAt'],
  ['rated_agency', 'text', 'ratedAgency'],
  ['rated_at', 'timestamptz', 'ratedAt'],
  ['rating', 'text', 'rating'],
];

/** $1 ids, $2 states, then one array per DOSSIER_COLUMNS entry. */
export const INSERT_DOSSIERS = `
  INSERT INTO dossiers (id, state, ${DOSSIER_COLUMNS.map(([c]) => c).join(', ')})
  SELECT * FROM unnest($1::text[], $2::jsonb[], ${DOSSIER_COLUMNS.map(([, t], i) => `$${i + 3}::${t}[]`).join(', ')})`;

export const UPSERT_DOSSIERS = `${INSERT_DOSSIERS}
  ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state,
    ${DOSSIER_COLUMNS.map(([c]) => `${c} = EXCLUDED.${c}`).join(', ')}`;

export const INSERT_AGENCIES = `
  INSERT INTO agencies (code, name, level, parent_code, state)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`;

export const UPSERT_AGENCIES = `${INSERT_AGENCIES}
  ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
    parent_code = EXCLUDED.parent_code, state = EXCLUDED.state`;

export const INSERT_PROCEDURES = `
  INSERT INTO procedures (code, agency_code, fee_required, online_payment, online_level, mobile, state)
  SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::boolean[], $5::text[], $6::boolean[], $7::jsonb[])`;

export const UPSERT_PROCEDURES = `${INSERT_PROCEDURES}
  ON CONFLICT (code) DO UPDATE SET agency_code = EXCLUDED.agency_code, fee_required = EXCLUDED.fee_required,
    online_payment = EXCLUDED.online_payment, online_level = EXCLUDED.online_level, mobile = EXCLUDED.mobile,
    state = EXCLUDED.state`;

/** Adds signed deltas to every counter column; rows arrive sorted by (agency, day). */
export const UPSERT_COUNTERS = `
  INSERT INTO agency_day_counters (agency_code, day, ${COUNTERS.join(', ')})
  SELECT * FROM unnest($1::text[], $2::date[], ${COUNTERS.map((_, i) => `$${i + 3}::int[]`).join(', ')})
  ON CONFLICT (agency_code, day) DO UPDATE SET
    ${COUNTERS.map((c) => `${c} = agency_day_counters.${c} + EXCLUDED.${c}`).join(',\n    ')}`;

export const ADVANCE_OFFSET = `
  UPDATE projector_offsets SET next_offset = $3, events_applied = events_applied + $4,
    duplicates = duplicates + $5, rejected = rejected + $6, last_event_at = now(), updated_at = now()
  WHERE topic = $1 AND partition = $2`;

/** Tells listeners (the live stream, alerts) that projections moved; PostgreSQL delivers it at commit. */
export const NOTIFY_CHANGED = `SELECT pg_notify('${PROJECTIONS_CHANGED_CHANNEL}', $1)`;
