import { resolve } from 'node:path';
import fp from 'fastify-plugin';
import type { Database } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { openDatabase } from '../../storage/open-database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DatabasePluginOptions {
  /** A database opened by the caller (tests, tools); the caller then closes it. */
  database?: Database;
}

/** Opens the configured database, applies pending migrations, and closes it last on shutdown. */
export default fp<DatabasePluginOptions>(
  async (app, options) => {
    const owned = !options.database;
    if (owned) {
      // Progress lines: on a busy machine these steps take a while, and the operator should see which.
      app.log.info(
        app.config.DATABASE_URL
          ? 'connecting to PostgreSQL…'
          : `opening the embedded database in ${resolve(app.config.DATA_DIR)}…`,
      );
    }
    const database =
      options.database ??
      (await openDatabase(app.config, {
        onListenerError: (error) => app.log.warn({ err: error }, 'LISTEN connection lost; reconnecting'),
        onListenerRestored: () => app.log.info('LISTEN connection restored; subscribers catch up'),
      }));
    if (owned) app.log.info('applying pending migrations…');
    const report = await migrate(database);
    if (report.applied.length > 0) app.log.info({ applied: report.applied }, 'migrations applied');
    app.decorate('db', database);
    if (owned) app.addHook('onClose', async () => database.close());
  },
  { name: 'database', dependencies: ['config'] },
);
