import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { migrate } from '../storage/migrate.js';
import { openDatabase } from '../storage/open-database.js';

/** `npm run migrate`: applies pending migrations to the configured database and says what it did. */
try {
  loadDotEnv();
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const report = await migrate(database);
    console.log(
      `migrations (${database.kind}): applied ${report.applied.length} [${report.applied.join(', ')}], ` +
        `already applied ${report.alreadyApplied.length}`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `migrate failed: ${(error as Error).message}`);
  process.exit(1);
}
