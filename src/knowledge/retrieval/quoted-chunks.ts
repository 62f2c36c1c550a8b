import type { Database } from '../../storage/database.js';
import { vectorLiteral } from './vector-literal.js';

export interface MatchedChunkRow {
  procedure_id: number;
  slug: string;
  section: string | null;
  content: string | null;
}

/**
 * The slugs of the chosen procedures and, for each, the chunks that best match the question — from
 * the summary (in the question's language) and the body, the pieces a reply can quote. Equal scores
 * fall back to the chunk's id (its order in the document), as ChunkIndex does, so both agree.
 */
export async function procedureChunks(
  database: Database,
  procedureIds: number[],
  lexemes: string[],
  embedding: number[],
  lang: string,
  perProcedure: number,
): Promise<MatchedChunkRow[]> {
  const query = lexemes.length > 0 ? lexemes.join(' | ') : '';
  const { rows } = await database.query<MatchedChunkRow>(
    `SELECT p.id AS procedure_id, p.slug, c.section, c.content
     FROM knowledge_procedures p
     LEFT JOIN LATERAL (
       SELECT c.section, c.content
       FROM knowledge_chunks c
       WHERE c.procedure_id = p.id AND (c.field = 'body' OR (c.field = 'summary' AND c.lang = $3))
       ORDER BY CASE WHEN $2 = '' THEN 0 ELSE ts_rank_cd(c.tsv, $2::tsquery) END DESC,
                c.embedding <=> $4::vector,
                c.id
       LIMIT $5
     ) c ON true
     WHERE p.id = ANY($1::int[])`,
    [procedureIds, query, lang, vectorLiteral(embedding), perProcedure],
  );
  return rows;
}
