import { basename, dirname } from 'node:path';
import type { Database, Transaction } from '../../storage/database.js';
import { normalizeText } from '../../text/normalize.js';
import { chunkProcedure, listedText, type ProcedureChunk } from './chunk-procedure.js';
import type { EmbeddingsProvider } from '../embeddings/create-embeddings.js';
import { readState, writeState, type IndexIdentity } from './index-state.js';
import { procedureWords, rebuildVocabulary } from './knowledge-vocabulary.js';
import {
  loadKnowledgeBase,
  type KnowledgeBaseContent,
  type KnowledgeProblem,
} from './load-knowledge-base.js';
import type { Procedure } from './procedure-schema.js';
import { KNOWLEDGE_CHANNEL } from '../retrieval/knowledge-channel.js';
import { vectorLiteral } from '../retrieval/vector-literal.js';

/**
 * Bump when chunking, the stored words or the vocabulary change: the next ingestion then re-indexes
 * every procedure even though no file changed.
 * 2: words stored as written and Snowball Hungarian stem keys in the vocabulary.
 * 3: English filler and time words became stop words (merged with 2 from a parallel branch).
 * 4: Snowball English stem keys; Hungarian adessive and possessive "-m".
 * 5: English prepositions, chat fillers and contractions became stop words.
 * 6: the steps and documents lists indexed as `listed` chunks, for the subject rule only (chunk-procedure.ts).
 * 7: Hungarian verb root keys (`hv:`, light-stemmer.ts), so verbs meet the nouns made from them.
 * 8: the steps and documents lists as lexemes in knowledge_listed (migration 007), no longer chunks.
 * 9: Romanian and Hungarian narration words became stop words ("niște", "cred", "nagyon", "valaki").
 * 10: inflected Hungarian words for documents ("iratokat", "papírokat", "dokumentumokat") and
 *     "hârtii", "paperwork" became stop words, as "acte" and "documents" already were.
 * 11: "whole thing" words ("întreg", "whole", "egész") and "happen" became stop words.
 * 12: the heating aid's keywords name a small pension (a procedure file's keywords are indexed).
 */
export const INDEX_VERSION = 14;

// pgvector's HNSW index holds vectors of at most 2,000 dimensions; above that search scans every chunk.
const HNSW_MAX_DIMENSIONS = 2_000;
// Serialises ingestions from several instances (each one then finds the other's work done).
const INGEST_LOCK_KEY = 727_4012;
const INSERT_BATCH = 500;

export interface IngestOptions {
  embeddings: EmbeddingsProvider;
  /** Slugs whose file exists but is invalid: their indexed version is kept, never deleted. */
  keepSlugs?: ReadonlySet<string>;
}

export interface IngestReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  /** Invalid files whose previous version stays in the index. */
  kept: string[];
  /** Chunks embedded and written by this run. */
  chunksWritten: number;
  /** Every chunk was re-embedded because the provider, model, dimension or index format changed. */
  reembedded: boolean;
  dimensions: number;
  tookMs: number;
}

export interface KnowledgeBaseIngestReport extends IngestReport {
  problems: KnowledgeProblem[];
}

/**
 * `npm run kb:ingest` and start-up: validates every file, then brings the index in step with the
 * valid ones. Invalid files are reported in `problems` (path + field) and skipped.
 */
export async function ingestKnowledgeBase(
  database: Database,
  directory: string,
  options: IngestOptions,
): Promise<KnowledgeBaseIngestReport> {
  return ingestContent(database, loadKnowledgeBase(directory), options);
}

/** The same, for a knowledge base already loaded (the plugin also needs its departments). */
export async function ingestContent(
  database: Database,
  content: KnowledgeBaseContent,
  options: IngestOptions,
): Promise<KnowledgeBaseIngestReport> {
  const { procedures, problems } = content;
  const keepSlugs = new Set(options.keepSlugs ?? []);
  for (const problem of problems) {
    if (basename(dirname(problem.path)) === 'procedures' && problem.path.endsWith('.md')) {
      keepSlugs.add(basename(problem.path, '.md'));
    }
  }
  const report = await ingestProcedures(database, procedures, { ...options, keepSlugs });
  return { ...report, problems };
}

/**
 * Indexes the given procedures in one transaction: nothing is half-written, whatever fails.
 * Unchanged files (same content hash) cost nothing; procedures that are no longer given (and not
 * kept) are deleted with their chunks; a new embeddings identity re-embeds everything.
 */
export async function ingestProcedures(
  database: Database,
  procedures: Procedure[],
  options: IngestOptions,
): Promise<IngestReport> {
  const started = performance.now();
  const { embeddings } = options.embeddings;
  // One probe tells the dimension of providers that have no fixed one (a server's model, ONNX).
  const dimensions = (await embeddings.embedQuery('dimension')).length;
  const identity: IndexIdentity = {
    provider: options.embeddings.provider,
    model: options.embeddings.model,
    dimensions,
  };
  const keepSlugs = options.keepSlugs ?? new Set<string>();

  const report = await database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK_KEY]);
    const state = await readState(tx);
    const reembed =
      !state ||
      state.provider !== identity.provider ||
      state.model !== identity.model ||
      state.dimensions !== identity.dimensions ||
      state.indexVersion !== INDEX_VERSION;

    const existing = new Map(
      (
        await tx.query<{ id: number; slug: string; content_hash: string; document: Procedure }>(
          `SELECT id, slug, content_hash, ${reembed ? 'document' : 'NULL AS document'} FROM knowledge_procedures`,
        )
      ).rows.map((row) => [row.slug, row]),
    );
    const given = new Set(procedures.map((procedure) => procedure.slug));
    const removed = [...existing.keys()].filter((slug) => !given.has(slug) && !keepSlugs.has(slug));
    const kept = [...existing.keys()].filter((slug) => !given.has(slug) && keepSlugs.has(slug));
    const toIndex = procedures.filter(
      (procedure) => reembed || existing.get(procedure.slug)?.content_hash !== procedure.contentHash,
    );
    // A kept procedure has no valid file to read: on a re-embed, its stored document is re-indexed.
    if (reembed) for (const slug of kept) toIndex.push(existing.get(slug)!.document);

    const result: Omit<IngestReport, 'tookMs'> = {
      added: toIndex.filter((p) => !existing.has(p.slug)).map((p) => p.slug),
      updated: toIndex.filter((p) => existing.has(p.slug)).map((p) => p.slug),
      removed,
      unchanged: procedures.length - toIndex.filter((p) => given.has(p.slug)).length,
      kept,
      chunksWritten: 0,
      reembedded: reembed,
      dimensions,
    };
    if (toIndex.length === 0 && removed.length === 0 && !reembed) return result;

    if (reembed) await prepareVectorColumn(tx, dimensions);
    if (removed.length > 0)
      await tx.query('DELETE FROM knowledge_procedures WHERE slug = ANY($1::text[])', [removed]);
    result.chunksWritten = await writeProcedures(tx, toIndex, options.embeddings, dimensions);
    if (reembed) await buildVectorIndex(tx, dimensions);
    await rebuildVocabulary(tx);
    await rebuildListed(tx);
    await writeState(tx, identity, INDEX_VERSION);
    await tidyIndexes(tx);
    // Delivered at commit, to every instance (this one included): their knowledge caches reload.
    await tx.query('SELECT pg_notify($1, $2)', [KNOWLEDGE_CHANNEL, String(INDEX_VERSION)]);
    return result;
  });
  return { ...report, tookMs: performance.now() - started };
}

/** Chunks, embeds and writes procedures (replacing their old chunks); returns the chunks written. */
async function writeProcedures(
  tx: Transaction,
  procedures: Procedure[],
  provider: EmbeddingsProvider,
  dimensions: number,
): Promise<number> {
  let written = 0;
  // Batches of procedures bound the memory a large base needs (the benchmark writes 10,000).
  const procedureBatch = 200;
  for (let start = 0; start < procedures.length; start += procedureBatch) {
    const batch = procedures.slice(start, start + procedureBatch);
    const chunked = await Promise.all(
      batch.map(async (procedure) => ({ procedure, chunks: await chunkProcedure(procedure) })),
    );
    const ids = await upsertProcedures(tx, chunked);
    await tx.query('DELETE FROM knowledge_chunks WHERE procedure_id = ANY($1::int[])', [[...ids.values()]]);
    const rows = chunked.flatMap(({ procedure, chunks }) =>
      chunks.map((chunk, position) => ({ procedureId: ids.get(procedure.slug)!, position, chunk })),
    );
    const vectors = await provider.embeddings.embedDocuments(rows.map((row) => row.chunk.content));
    for (const vector of vectors) {
      if (vector.length !== dimensions) {
        throw new Error(
          `The embeddings provider returned ${vector.length} dimensions instead of ${dimensions}`,
        );
      }
    }
    for (let offset = 0; offset < rows.length; offset += INSERT_BATCH) {
      const slice = rows.slice(offset, offset + INSERT_BATCH);
      await insertChunks(tx, slice, vectors.slice(offset, offset + INSERT_BATCH));
    }
    written += rows.length;
  }
  return written;
}

async function upsertProcedures(
  tx: Transaction,
  chunked: Array<{ procedure: Procedure; chunks: ProcedureChunk[] }>,
): Promise<Map<string, number>> {
  const { rows } = await tx.query<{ id: number; slug: string }>(
    `INSERT INTO knowledge_procedures (slug, kind, department, content_hash, document, words, listed)
     SELECT u.slug, u.kind, u.department, u.content_hash, u.document::jsonb, u.words::jsonb,
            tsvector_to_array(to_tsvector('ro_unaccent', u.listed))
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       AS u(slug, kind, department, content_hash, document, words, listed)
     ON CONFLICT (slug) DO UPDATE SET kind = excluded.kind, department = excluded.department,
       content_hash = excluded.content_hash, document = excluded.document, words = excluded.words,
       listed = excluded.listed, ingested_at = now()
     RETURNING id, slug`,
    [
      chunked.map(({ procedure }) => procedure.slug),
      chunked.map(({ procedure }) => procedure.kind),
      chunked.map(({ procedure }) => procedure.department),
      chunked.map(({ procedure }) => procedure.contentHash),
      chunked.map(({ procedure }) => JSON.stringify(procedure)),
      chunked.map(({ chunks }) => JSON.stringify(procedureWords(chunks))),
      // PostgreSQL's own stemming makes the list lexemes, as it makes the chunks' tsvectors.
      chunked.map(({ procedure }) => listedText(procedure)),
    ],
  );
  return new Map(rows.map((row) => [row.slug, row.id]));
}

async function insertChunks(
  tx: Transaction,
  rows: Array<{ procedureId: number; position: number; chunk: ProcedureChunk }>,
  vectors: number[][],
): Promise<void> {
  // Vectors travel as text and are cast one by one: PGlite cannot bind a vector[] parameter.
  await tx.query(
    `INSERT INTO knowledge_chunks (procedure_id, field, section, lang, position, content, search_text, embedding)
     SELECT u.procedure_id, u.field, u.section, u.lang, u.position, u.content, u.search_text, u.embedding::vector
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
       AS u(procedure_id, field, section, lang, position, content, search_text, embedding)`,
    [
      rows.map((row) => row.procedureId),
      rows.map((row) => row.chunk.field),
      rows.map((row) => row.chunk.section),
      rows.map((row) => row.chunk.lang),
      rows.map((row) => row.position),
      rows.map((row) => row.chunk.content),
      rows.map((row) => normalizeText(row.chunk.content)),
      vectors.map(vectorLiteral),
    ],
  );
}

/**
 * The lists' lexemes inverted (migration 007): which procedures list each lexeme, for the subject rule.
 * Rebuilt whole, as the vocabulary is, so a removed or changed procedure leaves nothing behind.
 */
async function rebuildListed(tx: Transaction): Promise<void> {
  await tx.query('DELETE FROM knowledge_listed');
  await tx.query(
    `INSERT INTO knowledge_listed (lexeme, procedures)
     SELECT l.lexeme, array_agg(p.id ORDER BY p.id)
     FROM knowledge_procedures p, unnest(p.listed) AS l(lexeme)
     GROUP BY l.lexeme`,
  );
}

/**
 * A re-embed starts from an empty chunk table without its HNSW index: building the index once over
 * all the vectors is faster than maintaining it row by row (measured on PGlite: ~2.6 s of inserts
 * for the 1,500 chunks of the real base with the index, ~1 s plus the build without). When the
 * dimension changes, the column type follows. DDL is transactional in PostgreSQL: a failed run
 * leaves the old column, index and rows.
 */
async function prepareVectorColumn(tx: Transaction, dimensions: number): Promise<void> {
  await tx.query('DELETE FROM knowledge_chunks');
  await tx.exec('DROP INDEX IF EXISTS knowledge_chunks_embedding');
  const { rows } = await tx.query<{ dimensions: number }>(
    `SELECT atttypmod AS dimensions FROM pg_attribute
     WHERE attrelid = 'knowledge_chunks'::regclass AND attname = 'embedding'`,
  );
  if (rows[0]?.dimensions === dimensions) return;
  // `dimensions` is a whole number measured from the provider's output, never user text.
  await tx.exec(`ALTER TABLE knowledge_chunks ALTER COLUMN embedding TYPE vector(${Math.trunc(dimensions)})`);
}

async function buildVectorIndex(tx: Transaction, dimensions: number): Promise<void> {
  if (dimensions > HNSW_MAX_DIMENSIONS) return;
  // Same operator class as migration 003: the retriever orders by `<=>` (cosine distance).
  await tx.exec(
    'CREATE INDEX knowledge_chunks_embedding ON knowledge_chunks USING hnsw (embedding vector_cosine_ops)',
  );
}

/**
 * Bulk writes leave GIN entries in the index's pending list, which every search then scans linearly
 * (measured on PGlite: 3 ms instead of 0.01 ms per lookup), and leave the planner without statistics
 * (20 ms of planning per query instead of 0.4). PGlite has no autovacuum to fix either, so ingestion
 * does it before it commits.
 */
async function tidyIndexes(tx: Transaction): Promise<void> {
  await tx.query(
    `SELECT gin_clean_pending_list(c.oid::regclass)
     FROM pg_class c
     WHERE c.relname IN ('knowledge_chunks_tsv', 'knowledge_words_trgm', 'knowledge_words_stems')`,
  );
  await tx.exec('ANALYZE knowledge_procedures, knowledge_chunks, knowledge_words, knowledge_listed');
}
