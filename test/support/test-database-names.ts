import { fromProjectRoot } from '../../src/project-root.js';

/** Where global-setup leaves the migrated PGlite snapshot for this run. */
export const SNAPSHOT_PATH = fromProjectRoot(
  '.tmp',
  `pglite-snapshot-${process.env.ANTONIA_TEST_RUN ?? 'local'}.tar`,
);
/** Environment variable through which global-setup passes the PostgreSQL template database's name. */
export const TEMPLATE_DATABASE_ENV = 'ANTONIA_TEMPLATE_DATABASE';
