import type { Database } from '../../storage/database.js';
import { vectorLiteral } from './vector-literal.js';
import type { RetrievalConfig } from './retrieval-config.js';

// pgvector's default hnsw.ef_search.
const DEFAULT_EF_SEARCH = 40;

export interface VectorMatch {
  procedureId: number;
  /** Cosine similarity of the closest chunk (1 = same direction). */
  similarity: number;
}

/**
 * The chunks nearest to the question's embedding (HNSW), best per procedure. `<=>` is the cosine
 * distance: it must stay the operator of the index's class (vector_cosine_ops, migration 003), or
 * PostgreSQL ignores the index and measures the distance to every chunk.
 */
export async function matchVector(
  database: Database,
  embedding: number[],
  config: RetrievalConfig['vector'],
): Promise<VectorMatch[]> {
  const sql = `SELECT procedure_id, max(1 - distance)::float8 AS similarity
     FROM (
       SELECT procedure_id, embedding <=> $1::vector AS distance
       FROM knowledge_chunks
       ORDER BY embedding <=> $1::vector
       LIMIT $2
     ) nearest
     GROUP BY procedure_id`;
  const params = [vectorLiteral(embedding), config.candidates];
  // hnsw.ef_search (default 40) bounds how many neighbours the index returns: raise it, for this
  // transaction only, when more candidates are wanted; otherwise spare the extra round trips.
  const efSearch = Math.max(config.efSearch, config.candidates);
  const rows =
    efSearch <= DEFAULT_EF_SEARCH
      ? (await database.query<{ procedure_id: number; similarity: number }>(sql, params)).rows
      : await database.transaction(async (tx) => {
          await tx.query(`SELECT set_config('hnsw.ef_search', $1, true)`, [String(efSearch)]);
          return (await tx.query<{ procedure_id: number; similarity: number }>(sql, params)).rows;
        });
  return rows.map((row) => ({ procedureId: row.procedure_id, similarity: row.similarity }));
}
