import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { migrate, readMigrations } from '../../src/storage/migrate.js';
import { PostgresDatabase } from '../../src/storage/postgres-database.js';
import { adminQuery, withDatabase } from '../support/test-databases.js';

/**
 * Service workers (SERVICE_WORKERS) and instances behind a load balancer start together on one
 * database, which may be empty: each runs the migrations at start-up. On an empty PostgreSQL database
 * even `CREATE TABLE IF NOT EXISTS` races in the catalog, so every step must be under the lock.
 */
describe('migrations run by several processes at once on an empty PostgreSQL database', () => {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `antonia_test_empty_${randomBytes(6).toString('hex')}`;
  const databases: PostgresDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.close()));
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('apply each migration exactly once, and none of them fails', async () => {
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    for (let index = 0; index < 4; index += 1) {
      databases.push(
        await PostgresDatabase.open({ connectionString: withDatabase(serverUrl, name), poolMax: 2 }),
      );
    }
    const reports = await Promise.all(databases.map((database) => migrate(database)));
    const names = readMigrations().map((migration) => migration.name);
    expect(reports.flatMap((report) => report.applied).sort()).toEqual([...names].sort());
    for (const report of reports)
      expect([...report.applied, ...report.alreadyApplied].sort()).toEqual([...names].sort());
  });
});
