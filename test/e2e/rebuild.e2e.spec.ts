/**
 * Rebuild and replay of the projections, with the real broker, database and built binaries.
 * - Given a projected stream, when the projections are damaged and `rebuild` runs, then every projection equals
 *   the original again, with the same indexes, and the old version is gone.
 * - Given the projector keeps applying a stream and readers keep reading, when `rebuild` runs, then every read
 *   succeeds and no number ever goes backwards, the rebuild catches up with what arrived meanwhile, and the
 *   result equals a `replay` of the whole topic into an empty database.
 * - Refusals: a second rebuild while one runs, a replay into a database that holds events.
 */
import { Client } from 'pg';
import { databaseUrl, dropDatabase, sql } from '../support/database';
import { historyEvents, toMessages } from '../support/feed';
import { produce } from '../support/kafka';
import { runProjectorCli } from '../support/projector-cli';
import { projectionSnapshot as snapshot } from '../support/snapshot';
import { TestStack } from '../support/stack';

const FIRST = 30_000;
const REBUILD_LOCK = 7_302_025_002;
const RANGE = ['QT', '2000-01-01', '2099-12-31'] as const;

const indexDefinitions = (stack: TestStack) =>
  stack.sql(
    `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename IN ('agencies', 'procedures', 'dossiers', 'agency_day_counters') ORDER BY 1, 2`,
  );
const leftoverSchemas = (stack: TestStack) => stack.sql(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'projections\\_%'`);
const total = (indicators: any) => Object.values(indicators.report.received as Record<string, number>).reduce((a, b) => a + b, 0);

describe('rebuild and replay of the projections', () => {
  const stack = new TestStack('rebuild');
  const replayDb = `${stack.database}_replay`;
  const events = historyEvents(FIRST + 200_000, 20261128);
  const messages = toMessages(events);
  /** The stream has duplicates (redeliveries), as real ones do: counts are of distinct events. */
  const distinct = (n: number) => new Set(events.slice(0, n).map((e) => `${e.source}\u0000${e.id}`)).size;
  let produced = 0;

  beforeAll(async () => {
    await stack.start(['query-api', 'projector']);
    await produce(stack.topic, messages.slice(0, FIRST));
    produced = FIRST;
    await stack.caughtUp(distinct(FIRST));
  });

  afterAll(async () => {
    await stack.stop();
    await dropDatabase(replayDb);
  });

  it('rebuilds damaged projections from the event log into the same numbers and indexes, and drops the old version', async () => {
    const before = await snapshot(stack);
    const indexes = await indexDefinitions(stack);
    expect(before.dossiers.length).toBeGreaterThan(1000);

    await stack.sql(`UPDATE agency_day_counters SET received_online = received_online + 7 WHERE day = (SELECT max(day) FROM agency_day_counters)`);
    await stack.sql(`DELETE FROM dossiers WHERE id IN (SELECT id FROM dossiers ORDER BY id LIMIT 10)`);
    await stack.sql(`DELETE FROM agencies WHERE parent_code IS NOT NULL AND code IN (SELECT code FROM agencies ORDER BY code DESC LIMIT 1)`);
    expect(await snapshot(stack)).not.toEqual(before);
    // What a rebuild killed mid-load leaves behind: its build schema and its 'building' row.
    await stack.sql(`CREATE SCHEMA projections_build_v20000101t000000`);
    await stack.sql(`CREATE TABLE projections_build_v20000101t000000.dossiers (LIKE dossiers)`);
    await stack.sql(`INSERT INTO projection_rebuilds (version, started_at, status) VALUES ('v20000101t000000', now(), 'building')`);

    const run = await runProjectorCli(['rebuild'], stack.env());
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    expect(run.result).toMatchObject({ eventsLoaded: distinct(FIRST), eventsCaughtUp: 0, dossiers: before.dossiers.length });
    expect(run.result.version).toMatch(/^v\d{8}t\d{6}$/);
    expect(run.result.eventsPerSecond).toBeGreaterThan(0);
    // Not a terminal: progress is JSON lines on stderr, the last one at the end of a phase.
    expect(run.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l).phase)).toEqual(expect.arrayContaining(['loading', 'indexing']));

    expect(await snapshot(stack)).toEqual(before);
    expect(await indexDefinitions(stack)).toEqual(indexes);
    expect(await leftoverSchemas(stack)).toEqual([]);
    expect(run.stderr).toContain('dropped what an interrupted rebuild left: projections_build_v20000101t000000');
    expect(await stack.sql(`SELECT version, status, events_loaded::int FROM projection_rebuilds ORDER BY version`)).toEqual([
      { version: 'v20000101t000000', status: 'failed', events_loaded: 0 },
      { version: run.result.version, status: 'switched', events_loaded: distinct(FIRST) },
    ]);
    // The query API reads the new version without a restart.
    expect(total(await stack.indicators(...RANGE))).toBeGreaterThan(0);
  });

  it('rebuilds while the projector applies a stream and readers read, then equals a replay of the topic into an empty database', async () => {
    let rebuilding = true;
    // The stream flows until the rebuild is over, so that the projector writes during every phase.
    const feeding = (async () => {
      while (rebuilding && produced < messages.length) {
        await produce(stack.topic, messages.slice(produced, produced + 2000));
        produced += 2000;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const seen: number[] = [];
    const failures: unknown[] = [];
    const reading = (async () => {
      while (rebuilding) {
        const res = await stack.request('query-api', 'GET', `/v1/indicators?agency=${RANGE[0]}&from=${RANGE[1]}&to=${RANGE[2]}`);
        if (res.status === 200) seen.push(total(res.body));
        else failures.push(res);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await new Promise((r) => setTimeout(r, 500));
    const run = await runProjectorCli(['rebuild', '--fetch', '5000'], stack.env());
    rebuilding = false;
    await Promise.all([feeding, reading]);
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    expect(run.result.eventsCaughtUp).toBeGreaterThan(0);

    const done = await stack.caughtUp(distinct(produced));
    expect(done.eventsApplied).toBe(distinct(produced));
    expect(run.result.eventsLoaded + run.result.eventsCaughtUp).toBeLessThanOrEqual(distinct(produced));
    expect(failures).toEqual([]);
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);

    const replay = await runProjectorCli(['replay'], { ...stack.env(), DATABASE_URL: databaseUrl(replayDb) });
    expect(replay.stderr).not.toContain('error');
    expect(replay.status).toBe(0);
    expect(replay.result).toMatchObject({ topic: stack.topic, messages: produced, eventsApplied: distinct(produced), duplicates: produced - distinct(produced), rejected: 0 });
    expect(replay.result.messagesPerSecond).toBeGreaterThan(0);

    const [a, b] = [await snapshot(stack), await snapshot({ sql: (text, params) => sql(replayDb, text, params) })];
    expect(a.events).toEqual([{ n: distinct(produced), distinct_n: distinct(produced) }]);
    expect(a).toEqual(b);
  });

  it('refuses a second rebuild while one runs, and a replay into a database that holds events', async () => {
    const holder = new Client({ connectionString: databaseUrl(stack.database) });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [REBUILD_LOCK]);
      const second = await runProjectorCli(['rebuild'], stack.env());
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('error: another rebuild is running on this database');
    } finally {
      await holder.end();
    }
    const before = await snapshot(stack);
    const replay = await runProjectorCli(['replay'], stack.env());
    expect(replay.status).toBe(1);
    expect(replay.stderr).toContain('error: the database already holds projected events');
    expect(await snapshot(stack)).toEqual(before);
    expect(await leftoverSchemas(stack)).toEqual([]);
  });
});
