/**
 * Rebuilds every projection from the event log into a new version of the projection tables while the
 * serving version keeps serving (and the live projector keeps writing it):
 * 1. load: reads the log from one snapshot, sorted by subject, so each dossier is projected once from all
 *    its events and written once (no lookups, no upserts); counters are summed in memory and flushed;
 * 2. index: builds the serving tables' indexes on the new ones, and their statistics;
 * 3. catch up: applies what the projector recorded since the snapshot, found by topic position;
 * 4. switch: in one transaction that holds the projector back (a SHARE lock on its offsets), applies the last
 *    events and swaps the two versions; then drops the old one.
 */
import { CounterDeltas, projectBatch } from '@app/indicators';
import { PROJECTIONS_CHANGED_CHANNEL } from '@app/storage';
import type { Logger } from 'pino';
import { DataSource, QueryRunner } from 'typeorm';
import { writeCounters, writeEffects } from '../store/project-events';
import { Positions, catchUp, readPositions } from './catch-up';
import { EVENT_COLUMNS, EventRow, cutAtSubject, toRecordedEvent } from './event-rows';
import {
  BUILD_PREFIX, PROJECTION_TABLES, RETIRED_PREFIX, analyze, copyIndexes, createTables, dropLeftovers, dropSchema, swapTables, useVersion,
} from './projection-tables';
import type { Progress } from './progress';
import { RebuildError } from './rebuild-error';

export interface RebuildOptions {
  /** Rows per FETCH from the sorted log. */
  fetchSize: number;
  /** work_mem of the sorting session, e.g. '256MB'. */
  workMem: string;
  progress: Progress;
  logger: Logger;
}

export interface RebuildResult {
  version: string;
  eventsLoaded: number;
  eventsCaughtUp: number;
  dossiers: number;
  counterRows: number;
  loadSeconds: number;
  totalSeconds: number;
  /** Events of the bulk load per second of the load phase. */
  loadEventsPerSecond: number;
  /** All events projected per second of the whole rebuild, index building and switch included. */
  eventsPerSecond: number;
}

const REBUILD_LOCK = 7_302_025_002;
const COUNTER_FLUSH_ROWS = 100_000;
/** The switch is attempted once a catch-up round has fewer events than this left to apply. */
const SWITCH_WHEN_BEHIND = 5_000;
const SWITCH_ATTEMPTS = 5;
const SWITCH_LOCK_TIMEOUT = '5s';
const EMPTY_STATE = { dossiers: new Map(), agencies: new Map(), procedures: new Map() } as const;

export const versionName = (at: Date) => `v${at.toISOString().replace(/[-:]/g, '').replace('T', 't').slice(0, 15)}`;

export async function rebuildProjections(db: DataSource, o: RebuildOptions): Promise<RebuildResult> {
  if (!/^\d+\s*(kB|MB|GB)$/.test(o.workMem)) throw new RebuildError(`work memory "${o.workMem}" is not a size like 256MB`);
  const startedAt = new Date();
  const version = versionName(startedAt);
  const build = BUILD_PREFIX + version;
  const retired = RETIRED_PREFIX + version;
  const writer = db.createQueryRunner();
  const reader = db.createQueryRunner();
  await writer.connect();
  await reader.connect();
  let locked = false;
  try {
    [{ locked }] = await writer.query('SELECT pg_try_advisory_lock($1) AS locked', [REBUILD_LOCK]);
    if (!locked) throw new RebuildError('another rebuild is running on this database');
    const left = await dropLeftovers(writer);
    if (left.length > 0) o.progress.note(`dropped what an interrupted rebuild left: ${left.join(', ')}`);
    await writer.query(`UPDATE projection_rebuilds SET status = 'failed', detail = 'interrupted' WHERE status = 'building'`);
    await writer.query(`INSERT INTO projection_rebuilds (version, started_at, status) VALUES ($1, $2, 'building')`, [version, startedAt]);
    // The new version is disposable until the switch, whose commit is synchronous.
    await writer.query('SET synchronous_commit = off');
    await createTables(writer, build, ['agency_day_counters']);
    await useVersion(writer, build);

    const load = await bulkLoad(reader, writer, o);
    const loadSeconds = (Date.now() - startedAt.getTime()) / 1000;
    o.logger.info({ version, events: load.loaded, seconds: loadSeconds }, 'rebuild: loaded');

    o.progress.phase('indexing', PROJECTION_TABLES.length);
    let tablesDone = 0;
    for (const table of PROJECTION_TABLES) {
      if (table !== 'agency_day_counters') await copyIndexes(writer, build, table);
      o.progress.update(++tablesDone);
    }
    await analyze(writer, build);
    await writer.query(`UPDATE projection_rebuilds SET loaded_at = clock_timestamp(), events_loaded = $2 WHERE version = $1`, [version, load.loaded]);

    o.progress.phase('catching up');
    let positions = load.positions;
    let caughtUp = 0;
    for (;;) {
      const round = await catchUp(writer, positions, true);
      positions = round.positions;
      caughtUp += round.applied;
      o.progress.update(caughtUp);
      if (round.applied < SWITCH_WHEN_BEHIND) break;
    }

    o.progress.phase('switching');
    for (let attempt = 1; ; attempt++) {
      await writer.query('BEGIN');
      try {
        await writer.query(`SET LOCAL lock_timeout = '${SWITCH_LOCK_TIMEOUT}'`);
        await writer.query('SET LOCAL synchronous_commit = on');
        // Waits for the projector's transaction in flight, holds back the next until commit.
        await writer.query('LOCK TABLE projector_offsets IN SHARE MODE');
        const last = await catchUp(writer, positions, false);
        await swapTables(writer, build, retired);
        const totalSeconds = (Date.now() - startedAt.getTime()) / 1000;
        const events = load.loaded + caughtUp + last.applied;
        await writer.query(
          `UPDATE projection_rebuilds SET status = 'switched', switched_at = clock_timestamp(), events_caught_up = $2, events_per_second = $3
            WHERE version = $1`,
          [version, caughtUp + last.applied, Math.round(events / totalSeconds)],
        );
        await writer.query(`SELECT pg_notify($1, $2)`, [PROJECTIONS_CHANGED_CHANNEL, JSON.stringify({ rebuild: version })]);
        await writer.query('COMMIT');
        caughtUp += last.applied;
        break;
      } catch (e) {
        await writer.query('ROLLBACK').catch(() => undefined);
        if ((e as { code?: string }).code !== '55P03' || attempt === SWITCH_ATTEMPTS) throw e;
        o.progress.note(`switch attempt ${attempt}: a lock was not granted within ${SWITCH_LOCK_TIMEOUT}; catching up and trying again`);
        const round = await catchUp(writer, positions, true);
        positions = round.positions;
        caughtUp += round.applied;
      }
    }
    await writer.query('RESET search_path');
    o.progress.phase('dropping the old version');
    await dropSchema(writer, retired);
    await dropSchema(writer, build);
    o.progress.stop();

    const totalSeconds = (Date.now() - startedAt.getTime()) / 1000;
    const [{ dossiers, counter_rows }] = await writer.query(
      'SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM agency_day_counters)::int AS counter_rows',
    );
    return {
      version,
      eventsLoaded: load.loaded,
      eventsCaughtUp: caughtUp,
      dossiers,
      counterRows: counter_rows,
      loadSeconds: round1(loadSeconds),
      totalSeconds: round1(totalSeconds),
      loadEventsPerSecond: Math.round(load.loaded / loadSeconds),
      eventsPerSecond: Math.round((load.loaded + caughtUp) / totalSeconds),
    };
  } catch (e) {
    o.progress.stop();
    if (locked) {
      await writer.query('ROLLBACK').catch(() => undefined);
      await dropSchema(writer, build).catch(() => undefined);
      await writer
        .query(`UPDATE projection_rebuilds SET status = 'failed', detail = $2 WHERE version = $1 AND status = 'building'`, [version, (e as Error).message])
        .catch(() => undefined);
    }
    throw e;
  } finally {
    if (locked) await writer.query('SELECT pg_advisory_unlock($1)', [REBUILD_LOCK]).catch(() => undefined);
    // The connection goes back to the pool as it came: no search_path into a build, no asynchronous commit.
    await writer.query('DISCARD ALL').catch(() => undefined);
    await reader.release().catch(() => undefined);
    await writer.release().catch(() => undefined);
  }
}

/** Phase 1: the log as of one snapshot, sorted by subject, projected and written by a second connection. */
async function bulkLoad(reader: QueryRunner, writer: QueryRunner, o: RebuildOptions): Promise<{ loaded: number; positions: Positions }> {
  await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await reader.query(`SET LOCAL work_mem = '${o.workMem}'`);
    // The snapshot starts here: the offsets and the events they cover are read as of the same instant.
    const { positions, events: total } = await readPositions(reader);
    o.progress.phase('loading', total);
    await reader.query(`DECLARE rebuild_events NO SCROLL CURSOR FOR SELECT ${EVENT_COLUMNS} FROM events ORDER BY subject COLLATE "C"`);
    const fetch = () => {
      const rows = reader.query(`FETCH ${o.fetchSize} FROM rebuild_events`) as Promise<EventRow[]>;
      rows.catch(() => undefined); // awaited below; this only keeps a failure meanwhile from being "unhandled"
      return rows;
    };

    let deltas = new CounterDeltas();
    let carry: EventRow[] = [];
    let loaded = 0;
    let pending = fetch();
    for (;;) {
      const fetched = await pending;
      const last = fetched.length < o.fetchSize;
      if (!last) pending = fetch(); // the next rows are read and sorted while these are projected and written
      const { complete, carry: rest } = cutAtSubject(carry.length > 0 ? carry.concat(fetched) : fetched, last);
      carry = rest;
      if (complete.length > 0) {
        const effects = projectBatch(complete.map(toRecordedEvent), EMPTY_STATE, deltas);
        await writeEffects(writer, effects, 'insert');
        loaded += complete.length;
        if (deltas.size >= COUNTER_FLUSH_ROWS) {
          await writeCounters(writer, deltas.rowsSorted());
          deltas = new CounterDeltas();
        }
      }
      o.progress.update(loaded, Math.max(total, loaded));
      if (last) break;
    }
    await writeCounters(writer, deltas.rowsSorted());
    await reader.query('COMMIT');
    return { loaded, positions };
  } catch (e) {
    await reader.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
