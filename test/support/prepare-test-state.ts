import { configWith } from '../../src/config.js';
import { createEmbeddings } from '../../src/knowledge/embeddings/create-embeddings.js';
import { ingestKnowledgeBase } from '../../src/knowledge/ingest/ingest-knowledge-base.js';
import type { Database } from '../../src/storage/database.js';
import { fromProjectRoot } from '../../src/project-root.js';

/**
 * State every test database starts with, beyond the migrations: the project's knowledge base ingested
 * once with the default (offline hashing) embeddings, instead of once per test file. Baked into the
 * PGlite snapshot and the PostgreSQL template. An app built on it with the default configuration finds
 * every file unchanged and ingests nothing.
 */
export async function prepareTestState(database: Database): Promise<void> {
  const config = configWith();
  const report = await ingestKnowledgeBase(database, fromProjectRoot('knowledge-base'), {
    embeddings: await createEmbeddings(config),
  });
  if (report.added.length === 0)
    throw new Error('the test snapshot has no knowledge base: no valid procedure');
}
