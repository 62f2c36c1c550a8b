import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Database } from '../../src/storage/database.js';
import { PgliteDatabase } from '../../src/storage/pglite-database.js';
import { PostgresDatabase } from '../../src/storage/postgres-database.js';
import { SNAPSHOT_PATH, TEMPLATE_DATABASE_ENV } from './test-database-names.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI always sets it). */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  database: Database;
  /** For PostgreSQL: the URL of this test's own database (to start a second instance on it). */
  url?: string;
  /** Closes the connection and drops the database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database of the given kind, isolated from every other test file.
 * PGlite starts from the snapshot made once per run by global-setup; PostgreSQL clones the migrated
 * template database (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration run.
 */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const snapshot = new Blob([readFileSync(SNAPSHOT_PATH)]);
    const database = await PgliteDatabase.open({ snapshot });
    return { database, dispose: () => database.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = process.env[TEMPLATE_DATABASE_ENV];
  if (!serverUrl || !template) throw new Error('TEST_DATABASE_URL and the template database are required');
  const name = `antonia_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(serverUrl, name);
  const database = await PostgresDatabase.open({ connectionString: url, poolMax: 5 });
  return {
    database,
    url,
    dispose: async () => {
      await database.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
