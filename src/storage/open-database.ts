import type { AppConfig } from '../config.js';
import type { Database } from './database.js';
import { reportDatabaseStatsToParent } from './database-stats.js';
import { PgliteDatabase } from './pglite-database.js';
import { PostgresDatabase, type PostgresOptions } from './postgres-database.js';

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite database persisted in DATA_DIR. */
export async function openDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'DATA_DIR'>,
  listenerEvents: Pick<PostgresOptions, 'onListenerError' | 'onListenerRestored'> = {},
): Promise<Database> {
  reportDatabaseStatsToParent();
  if (config.DATABASE_URL) {
    return PostgresDatabase.open({
      connectionString: config.DATABASE_URL,
      poolMax: config.DATABASE_POOL_MAX,
      ...listenerEvents,
    });
  }
  return PgliteDatabase.open({ dataDir: config.DATA_DIR });
}
