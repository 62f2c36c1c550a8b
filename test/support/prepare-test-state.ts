import type { Database } from '../../src/storage/database.js';

/**
 * State every test database starts with, beyond the migrations (e.g. the knowledge base ingested once,
 * instead of once per test file). Baked into the PGlite snapshot and the PostgreSQL template.
 */
export async function prepareTestState(_database: Database): Promise<void> {}
