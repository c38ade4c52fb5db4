/**
 * Creates the database if it is missing and applies pending migrations under an advisory lock, so that
 * several services starting together neither race nor fail.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';

const MIGRATION_LOCK = 7_302_025_001;

export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another service
      });
    }
  } finally {
    await client.end();
  }
}

/** Returns the names of the migrations it applied. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Connects, creating the database and running migrations first when asked to. */
export async function openDatabase(
  url: string,
  options: { migrate: boolean; poolSize?: number; applicationName?: string },
): Promise<DataSource> {
  if (options.migrate) await ensureDatabase(url);
  const dataSource = createDataSource(url, options);
  await dataSource.initialize();
  if (options.migrate) await migrate(dataSource);
  return dataSource;
}
