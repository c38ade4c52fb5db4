/** A fresh PostgreSQL database per test suite, dropped afterwards. */
import { Client } from 'pg';

const SERVER = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export const databaseUrl = (name: string) => `${SERVER}/${name}`;

async function admin<T>(f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: `${SERVER}/postgres` });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

export const dropDatabase = (name: string) => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);

/** Runs a query on a test database. */
export async function sql<T = Record<string, unknown>>(name: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: databaseUrl(name) });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}
