import type { Database, Transaction } from '../../storage/database.js';

/** What the stored vectors were made with (knowledge_state, one row). */
export interface IndexIdentity {
  provider: string;
  model: string;
  dimensions: number;
}

export interface IndexState extends IndexIdentity {
  indexVersion: number;
  procedures: number;
  chunks: number;
  updatedAt: Date;
}

/** The index's state, or undefined before the first ingestion. */
export async function readState(queryable: Pick<Database, 'query'>): Promise<IndexState | undefined> {
  const { rows } = await queryable.query<{
    embeddings_provider: string;
    embeddings_model: string;
    dimensions: number;
    index_version: number;
    procedures: number;
    chunks: number;
    updated_at: Date;
  }>('SELECT * FROM knowledge_state');
  const row = rows[0];
  if (!row) return undefined;
  return {
    provider: row.embeddings_provider,
    model: row.embeddings_model,
    dimensions: row.dimensions,
    indexVersion: row.index_version,
    procedures: row.procedures,
    chunks: row.chunks,
    updatedAt: row.updated_at,
  };
}

/** Records the identity and the counts, in the ingestion's transaction. */
export async function writeState(
  tx: Transaction,
  identity: IndexIdentity,
  indexVersion: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO knowledge_state (id, embeddings_provider, embeddings_model, dimensions, index_version, procedures, chunks)
     SELECT true, $1, $2, $3, $4, (SELECT count(*) FROM knowledge_procedures), (SELECT count(*) FROM knowledge_chunks)
     ON CONFLICT (id) DO UPDATE SET embeddings_provider = excluded.embeddings_provider,
       embeddings_model = excluded.embeddings_model, dimensions = excluded.dimensions,
       index_version = excluded.index_version, procedures = excluded.procedures, chunks = excluded.chunks,
       updated_at = now()`,
    [identity.provider, identity.model, identity.dimensions, indexVersion],
  );
}
