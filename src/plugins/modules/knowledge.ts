import fp from 'fastify-plugin';
import { createEmbeddings } from '../../knowledge/embeddings/create-embeddings.js';
import { HybridRetriever } from '../../knowledge/retrieval/hybrid-retriever.js';
import { readState } from '../../knowledge/ingest/index-state.js';
import { ingestContent } from '../../knowledge/ingest/ingest-knowledge-base.js';
import { IndexedKnowledgeCatalog } from '../../knowledge/knowledge-catalog.js';
import { KNOWLEDGE_CACHE_MAX_PROCEDURES, KnowledgeCache } from '../../knowledge/retrieval/knowledge-cache.js';
import { loadKnowledgeBase } from '../../knowledge/ingest/load-knowledge-base.js';
import type { KnowledgeCatalog, ProcedureRetrieval } from '../../knowledge/retrieval-contract.js';
import { loadRetrievalConfig } from '../../knowledge/retrieval/retrieval-config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The indexed procedures and the departments, for composing answers and routing handoffs. */
    knowledge: KnowledgeCatalog;
    /** The hybrid retriever over the indexed knowledge base. */
    retrieval: ProcedureRetrieval;
  }
}

/**
 * The knowledge base: loads and validates KB_DIR, brings the index in step with it at start-up
 * (KB_INGEST_ON_START; unchanged files cost nothing), and exposes the catalog and the retriever.
 * An invalid file is logged and skipped (its previous version stays indexed): one typo in one file
 * must not keep the service down. What a turn reads that changes only on ingestion is held in the
 * process and reloaded when any instance re-indexes (KnowledgeCache, docs/adr/0006). /ready says "knowledge: failing" until an index made with the
 * configured embeddings exists.
 */
export default fp(
  async (app) => {
    const config = app.config;
    const embeddings = await createEmbeddings(config);
    const retrievalConfig = loadRetrievalConfig(config.KB_DIR);
    const content = loadKnowledgeBase(config.KB_DIR);
    for (const problem of content.problems) {
      app.log.warn({ path: problem.path, field: problem.field }, `knowledge base: ${problem.message}`);
    }
    if (config.KB_INGEST_ON_START) {
      app.log.info(`ingesting ${content.procedures.length} procedures…`);
      const report = await ingestContent(app.db, content, { embeddings });
      app.log.info(
        {
          added: report.added.length,
          updated: report.updated.length,
          removed: report.removed.length,
          unchanged: report.unchanged,
          kept: report.kept,
          chunks: report.chunksWritten,
          reembedded: report.reembedded,
          tookMs: Math.round(report.tookMs),
        },
        'knowledge base ingested',
      );
    }
    const indexMatches = async () => {
      const state = await readState(app.db);
      return (
        state !== undefined &&
        state.procedures > 0 &&
        state.provider === embeddings.provider &&
        state.model === embeddings.model &&
        (embeddings.dimensions === undefined || state.dimensions === embeddings.dimensions)
      );
    };
    if (!(await indexMatches())) {
      app.log.error(
        'the knowledge base is not indexed with the configured embeddings: run `npm run kb:ingest` (or set KB_INGEST_ON_START=true)',
      );
    }
    const catalog = await IndexedKnowledgeCatalog.load(app.db, content.departments);
    const cache = new KnowledgeCache({
      database: app.db,
      catalog,
      maxProcedures: KNOWLEDGE_CACHE_MAX_PROCEDURES,
      onError: (error) =>
        app.log.error({ err: error }, 'knowledge cache: reload failed, keeping the last one'),
    });
    await cache.start();
    app.addHook('onClose', () => cache.stop());
    app.decorate('knowledge', catalog);
    app.decorate(
      'retrieval',
      new HybridRetriever({
        database: app.db,
        embeddings: embeddings.embeddings,
        config: retrievalConfig,
        vocabulary: () => cache.vocabulary(),
        chunks: () => cache.chunks(),
      }),
    );
    app.readinessChecks.set('knowledge', indexMatches);
  },
  { name: 'knowledge', dependencies: ['database'] },
);
