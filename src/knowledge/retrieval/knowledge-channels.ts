import type { Database } from '../../storage/database.js';
import type { ChunkField } from '../ingest/chunk-procedure.js';
import {
  lexicalCandidates,
  matchLexical,
  type LexicalQuery,
  type LexicalResult,
  type LexicalScope,
} from './lexical-matching.js';
import { procedureChunks, type MatchedChunkRow } from './quoted-chunks.js';
import type { RetrievalConfig } from './retrieval-config.js';
import { titleNameStems, type TitleName } from './title-coverage.js';
import { matchVector, type VectorMatch } from './vector-matching.js';

/**
 * The three per-turn reads of the chunks (full-text matching, vector matching, the chosen procedures'
 * quotable chunks), answered either by PostgreSQL (`sqlChannels`, the index of record, any size) or by
 * the in-process copy of a small base (`ChunkIndex`, docs/adr/0006-knowledge-cache.md) with the same
 * results. The retriever picks one per question (HybridRetriever.channels).
 */
export interface KnowledgeChannels {
  matchLexical(
    queries: LexicalQuery[],
    fieldWeights: Record<ChunkField, number>,
    scope?: LexicalScope,
  ): Promise<LexicalResult>;
  lexicalCandidates(
    queries: LexicalQuery[],
    fieldWeights: Record<ChunkField, number>,
    limit: number,
  ): Promise<number[]>;
  matchVector(embedding: number[], config: RetrievalConfig['vector']): Promise<VectorMatch[]>;
  procedureChunks(
    procedureIds: number[],
    lexemes: string[],
    embedding: number[],
    lang: string,
    perProcedure: number,
  ): Promise<MatchedChunkRow[]>;
  /** The stemmed names of these procedures' titles (title-coverage.ts), for the confidence's title coverage. */
  procedureNames(procedureIds: number[]): Promise<Map<number, TitleName[]>>;
}

export type ProcedureTitles = Partial<Record<string, string>>;

/** The channels as queries to the database (GIN over tsvectors, HNSW over embeddings). */
export function sqlChannels(database: Database): KnowledgeChannels {
  return {
    matchLexical: (queries, fieldWeights, scope) => matchLexical(database, queries, fieldWeights, scope),
    lexicalCandidates: (queries, fieldWeights, limit) =>
      lexicalCandidates(database, queries, fieldWeights, limit),
    matchVector: (embedding, config) => matchVector(database, embedding, config),
    procedureChunks: (procedureIds, lexemes, embedding, lang, perProcedure) =>
      procedureChunks(database, procedureIds, lexemes, embedding, lang, perProcedure),
    procedureNames: async (procedureIds) => {
      const { rows } = await database.query<{ id: number; title: ProcedureTitles | null }>(
        `SELECT id, titles AS title FROM knowledge_procedures WHERE id = ANY($1::int[])`,
        [procedureIds],
      );
      return new Map(rows.map((row) => [row.id, titleNameStems(row.title ?? {})]));
    },
  };
}
