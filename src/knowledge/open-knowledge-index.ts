import type { AppConfig } from '../config.js';
import type { Database } from '../storage/database.js';
import { createEmbeddings, type EmbeddingsSettings } from './embeddings/create-embeddings.js';
import { ChunkIndex } from './retrieval/chunk-index.js';
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
  // As the service does for a base this size (docs/adr/0006-knowledge-cache.md): the vocabulary and the
  // chunks in the process. Nothing re-indexes while an evaluation runs, so they are loaded once.
  const state = await readState(database);
  const small = (state?.procedures ?? 0) <= KNOWLEDGE_CACHE_MAX_PROCEDURES;
  const vocabulary = small ? await VocabularySnapshot.load(database) : undefined;
  const chunks = small ? await ChunkIndex.load(database) : undefined;
  const retriever = new HybridRetriever({
    database,
    embeddings: embeddings.embeddings,
    config: loadRetrievalConfig(settings.KB_DIR),
    vocabulary: () => vocabulary,
    chunks: () => chunks,
  });
  return { retriever, report };
}
