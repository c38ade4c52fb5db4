/**
 * The projection tables as a versioned set: a rebuild creates a copy of their structure in a schema of its
 * own, loads it, gives it the same indexes, and swaps it with the serving set in one transaction.
 * Everything else (the event log, offsets, keys, alerts) stays where it is.
 */
import type { Queryable } from '../store/project-events';

/** What a rebuild makes from the event log; every other table is left alone. */
export const PROJECTION_TABLES = ['agencies', 'procedures', 'dossiers', 'agency_day_counters'] as const;
export type ProjectionTable = (typeof PROJECTION_TABLES)[number];

/** The schema readers and the projector use (their table names are unqualified). */
export const SERVING_SCHEMA = 'public';
export const BUILD_PREFIX = 'projections_build_';
export const RETIRED_PREFIX = 'projections_retired_';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (schema: string, table: string) => `${ident(schema)}.${ident(table)}`;

/** Drops what a crashed rebuild left behind. Only called under the rebuild lock. */
export async function dropLeftovers(q: Queryable): Promise<string[]> {
  const rows: { nspname: string }[] = await q.query(
    `SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) OR starts_with(nspname, $2) ORDER BY 1`,
    [BUILD_PREFIX, RETIRED_PREFIX],
  );
  for (const r of rows) await q.query(`DROP SCHEMA ${ident(r.nspname)} CASCADE`);
  return rows.map((r) => r.nspname);
}

/**
 * Creates the tables with the serving tables' columns, defaults, checks and storage parameters, but no
 * indexes (they are built after the load, which is faster), except where the load needs them.
 */
export async function createTables(q: Queryable, schema: string, indexedDuringLoad: readonly ProjectionTable[]): Promise<void> {
  await q.query(`CREATE SCHEMA ${ident(schema)}`);
  for (const table of PROJECTION_TABLES) {
    await q.query(
      `CREATE TABLE ${qualified(schema, table)} (LIKE ${qualified(SERVING_SCHEMA, table)}
         INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMPRESSION)`,
    );
    const [{ reloptions }] = await q.query(`SELECT reloptions FROM pg_class WHERE oid = $1::regclass`, [qualified(SERVING_SCHEMA, table)]);
    if (reloptions?.length) await q.query(`ALTER TABLE ${qualified(schema, table)} SET (${(reloptions as string[]).join(', ')})`);
    if (indexedDuringLoad.includes(table)) await copyIndexes(q, schema, table);
  }
}

/** Gives the new table every index and key constraint the serving table has, under the same names. */
export async function copyIndexes(q: Queryable, schema: string, table: ProjectionTable): Promise<void> {
  const rows: { name: string; constraint_def: string | null; index_def: string }[] = await q.query(
    `SELECT i.relname AS name, pg_get_constraintdef(c.oid) AS constraint_def, pg_get_indexdef(x.indexrelid) AS index_def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
      WHERE x.indrelid = $1::regclass
      ORDER BY c.oid NULLS LAST, i.relname`,
    [qualified(SERVING_SCHEMA, table)],
  );
  const servingTable = new RegExp(` ON (ONLY )?(${SERVING_SCHEMA}\\.)?${table} `);
  for (const r of rows) {
    if (r.constraint_def) {
      await q.query(`ALTER TABLE ${qualified(schema, table)} ADD CONSTRAINT ${ident(r.name)} ${r.constraint_def}`);
    } else {
      if (!servingTable.test(r.index_def)) throw new Error(`unexpected index definition: ${r.index_def}`);
      await q.query(r.index_def.replace(servingTable, ` ON ${qualified(schema, table)} `));
    }
  }
}

/**
 * Inside the caller's transaction: moves the serving tables into `retired` and the new ones into their
 * place. Readers wait for the few milliseconds the locks are held, then see the new version.
 */
export async function swapTables(q: Queryable, build: string, retired: string): Promise<void> {
  await q.query(`CREATE SCHEMA ${ident(retired)}`);
  for (const table of PROJECTION_TABLES) await q.query(`ALTER TABLE ${qualified(SERVING_SCHEMA, table)} SET SCHEMA ${ident(retired)}`);
  for (const table of PROJECTION_TABLES) await q.query(`ALTER TABLE ${qualified(build, table)} SET SCHEMA ${ident(SERVING_SCHEMA)}`);
}

export const dropSchema = (q: Queryable, schema: string) => q.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
export const analyze = async (q: Queryable, schema: string) => {
  for (const table of PROJECTION_TABLES) await q.query(`ANALYZE ${qualified(schema, table)}`);
};
/** Unqualified table names resolve to the new version first, then to the shared tables (events, offsets). */
export const useVersion = (q: Queryable, schema: string) => q.query(`SET search_path TO ${ident(schema)}, ${ident(SERVING_SCHEMA)}`);
