import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PgliteDatabase } from '../../src/storage/pglite-database.js';
import { PostgresDatabase } from '../../src/storage/postgres-database.js';
import { migrate } from '../../src/storage/migrate.js';
import { prepareTestState } from './prepare-test-state.js';
import { SNAPSHOT_PATH } from './test-database-names.js';
import { adminQuery, withDatabase } from './test-databases.js';

/**
 * Run once per `npm test` by global-setup.cjs (in its own tsx process, because Jest loads global setup
 * files as CommonJS): one migrated and prepared PGlite snapshot and one PostgreSQL template database, so
 * each test file gets a fresh database in a fraction of the cost of initdb + migrations + ingestion.
 * Prints `template=<name>` for the PostgreSQL template on its last line.
 */
async function makeTestDatabases(): Promise<void> {
  const pglite = await PgliteDatabase.open();
  await migrate(pglite);
  await prepareTestState(pglite);
  mkdirSync(dirname(SNAPSHOT_PATH), { recursive: true });
  writeFileSync(SNAPSHOT_PATH, Buffer.from(await (await pglite.dump()).arrayBuffer()));
  await pglite.close();

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `antonia_template_${process.env.ANTONIA_TEST_RUN}`;
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await adminQuery(serverUrl, `CREATE DATABASE ${template}`);
    const postgres = await PostgresDatabase.open({ connectionString: withDatabase(serverUrl, template) });
    await migrate(postgres);
    await prepareTestState(postgres);
    await postgres.close();
    console.log(`template=${template}`);
  }
}

await makeTestDatabases();
