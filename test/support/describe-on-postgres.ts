import { describe } from '@jest/globals';
import { BACKENDS } from './test-databases.js';

/**
 * For suites that only mean something on a PostgreSQL server (dropped connections, LISTEN): they run
 * when TEST_DATABASE_URL is set, as the whole PostgreSQL suite does (CI sets it), and are reported as
 * skipped otherwise. Kept apart from test-databases.ts, which the global setup also runs outside Jest.
 */
export const describeOnPostgres = BACKENDS.includes('postgres') ? describe : describe.skip;
