import type { AppConfig } from '../config.js';
import type { Database } from '../storage/database.js';
import { createEmbeddings, type EmbeddingsSettings } from './embeddings/create-embeddings.js';
import { HybridRetriever } from './retrieval/hybrid-retriever.js';
import { ingestKnowledgeBase, type KnowledgeBaseIngestReport } from './ingest/ingest-knowledge-base.js';
import { readState } from './ingest/index-state.js';
import { KNOWLEDGE_CACHE_MAX_PROCEDURES } from './retrieval/knowledge-cache.js';
import { loadRetrievalConfig } from './retrieval/retrieval-config.js';
import { VocabularySnapshot } from './retrieval/vocabulary-snapshot.js';

/**
 * Ingests the knowledge base into a database and builds the retriever over it: what the eval command,
 * the benchmark and the tests all need, in one place.
 */
export async function openKnowledgeIndex(
  database: Database,
  settings: EmbeddingsSettings & Pick<AppConfig, 'KB_DIR'>,
  options: { ingest?: boolean } = {},
): Promise<{ retriever: HybridRetriever; report?: KnowledgeBaseIngestReport }> {
  const embeddings = await createEmbeddings(settings);
  const report =
    options.ingest === false
      ? undefined
      : await ingestKnowledgeBase(database, settings.KB_DIR, { embeddings });
  // As the service does for a base this size (docs/adr/0006-knowledge-cache.md): the vocabulary in the
  // process. Nothing re-indexes while an evaluation runs, so it is loaded once and never reloaded.
  const state = await readState(database);
  const vocabulary =
    (state?.procedures ?? 0) <= KNOWLEDGE_CACHE_MAX_PROCEDURES
      ? await VocabularySnapshot.load(database)
      : undefined;
  const retriever = new HybridRetriever({
    database,
    embeddings: embeddings.embeddings,
    config: loadRetrievalConfig(settings.KB_DIR),
    vocabulary: () => vocabulary,
  });
  return { retriever, report };
}
