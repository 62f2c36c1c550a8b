import { randomBytes } from 'node:crypto';
import { adminQuery } from '../../test/support/test-databases.js';

/** The PostgreSQL server the benchmarks use; each run works in a scratch database it creates and drops. */
export const BENCH_SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  name: string;
  /** The scratch database's own URL. */
  url: string;
  /** Runs one statement on the server's maintenance connection (e.g. ALTER DATABASE). */
  admin(sql: string): Promise<void>;
  drop(): Promise<void>;
}

/**
 * Creates `antonia_bench_<label>_<random>` (or `fixedName`, re-created if it exists: on a shared server,
 * the one name a run may use) on the server; `drop()` removes it, connections and all.
 */
export async function createScratchDatabase(
  label: string,
  serverUrl = BENCH_SERVER_URL,
  fixedName?: string,
): Promise<ScratchDatabase> {
  if (fixedName !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(fixedName)) {
    throw new Error(`not a plain database name: ${fixedName}`);
  }
  const name = fixedName ?? `antonia_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = (sql: string) => adminQuery(serverUrl, sql);
  if (fixedName !== undefined) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    admin,
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
