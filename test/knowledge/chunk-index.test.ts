import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { configWith } from '../../src/config.js';
import { createEmbeddings } from '../../src/knowledge/embeddings/create-embeddings.js';
import type { Procedure } from '../../src/knowledge/ingest/procedure-schema.js';
import type { Lang } from '../../src/language.js';
import { ChunkIndex } from '../../src/knowledge/retrieval/chunk-index.js';
import {
  lexicalCandidates,
  matchLexical,
  phraseQueries,
  wordQueries,
  type LexicalQuery,
  type LexicalResult,
} from '../../src/knowledge/retrieval/lexical-matching.js';
import { procedureChunks, type MatchedChunkRow } from '../../src/knowledge/retrieval/quoted-chunks.js';
import { questionWords } from '../../src/knowledge/retrieval/question-words.js';
import { resolveTerms } from '../../src/knowledge/retrieval/resolve-terms.js';
import { loadRetrievalConfig } from '../../src/knowledge/retrieval/retrieval-config.js';
import { vectorLiteral } from '../../src/knowledge/retrieval/vector-literal.js';
import { matchVector, type VectorMatch } from '../../src/knowledge/retrieval/vector-matching.js';
import { VocabularySnapshot } from '../../src/knowledge/retrieval/vocabulary-snapshot.js';
import type { Database } from '../../src/storage/database.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';

/**
 * The in-process chunk index (docs/adr/0006-knowledge-cache.md) must answer exactly as the SQL it
 * replaces on a small base. Compared over many questions: the dev and calibration questions (as
 * inputs only: nothing is fitted here) and every indexed title and summary in three languages, which
 * exercise the phrase queries. Lexical results must be identical; vector similarities agree within
 * 1e-6 with an exact (sequential) scan in PostgreSQL. HNSW itself is approximate: against it, a
 * procedure's similarity may only be higher in the process (HNSW missed its nearest chunk), never lower.
 */
const fixtureQuestions = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { q: string; lang: Lang });

const lexicalView = (result: LexicalResult) => ({
  total: result.total,
  documentFrequency: [...result.documentFrequency.entries()].sort((a, b) => a[0] - b[0]),
  procedures: [...result.procedures]
    .sort((a, b) => a.procedureId - b.procedureId)
    .map((match) => ({
      procedureId: match.procedureId,
      matches: [...match.matches.entries()].sort((a, b) => a[0] - b[0]),
      named: [...match.named.entries()].sort((a, b) => a[0] - b[0]),
      chunks: [...match.chunks.entries()].sort((a, b) => a[0] - b[0]),
      listed: [...(match.listed ?? [])].sort((a, b) => a - b),
    })),
});

/** Rows grouped by procedure (in the order the SQL ranks each procedure's chunks). */
const chunkView = (rows: MatchedChunkRow[]) =>
  [...rows]
    .map((row, order) => ({ row, order }))
    .sort((a, b) => a.row.procedure_id - b.row.procedure_id || a.order - b.order)
    .map(({ row }) => row);

/** matchVector's SQL with the HNSW index disabled: PostgreSQL measures every chunk. */
/**
 * The exact nearest chunks (no index), by procedure, and the similarity of the last chunk kept: two
 * chunks at that cut-off whose distances differ by less than float4 rounding (or not at all: the same
 * words in two files) may be kept by one search and left out by the other.
 */
async function exactVectorMatch(database: Database, embedding: number[], candidates: number) {
  return database.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_indexscan = off');
    const { rows } = await tx.query<{ procedure_id: number; similarity: number; cutoff: number }>(
      `SELECT procedure_id, max(1 - distance)::float8 AS similarity,
              min(min(1 - distance)) OVER ()::float8 AS cutoff
       FROM (SELECT procedure_id, embedding <=> $1::vector AS distance FROM knowledge_chunks
             ORDER BY embedding <=> $1::vector LIMIT $2) nearest
       GROUP BY procedure_id`,
      [vectorLiteral(embedding), candidates],
    );
    return {
      matches: rows.map((row) => ({ procedureId: row.procedure_id, similarity: row.similarity })),
      cutoff: rows[0]?.cutoff ?? 1,
    };
  });
}

const byProcedure = (matches: VectorMatch[]) =>
  new Map(matches.map((match) => [match.procedureId, match.similarity]));

describe.each(BACKENDS)('the in-process chunk index on %s', (backend) => {
  let testDatabase: TestDatabase;
  let index: ChunkIndex;
  let vocabulary: VocabularySnapshot;
  let questions: Array<{ q: string; lang: Lang }>;
  const config = loadRetrievalConfig();

  beforeAll(async () => {
    testDatabase = await createTestDatabase(backend);
    index = await ChunkIndex.load(testDatabase.database);
    vocabulary = await VocabularySnapshot.load(testDatabase.database);
    const { rows } = await testDatabase.database.query<{ document: Procedure }>(
      'SELECT document FROM knowledge_procedures ORDER BY id',
    );
    questions = [
      ...fixtureQuestions('test/fixtures/eval-dev.jsonl'),
      ...fixtureQuestions('test/knowledge/fixtures/calibration-questions.jsonl'),
      ...rows.flatMap(({ document }) =>
        [document.title, document.summary].flatMap((text) =>
          Object.entries(text).map(([lang, q]) => ({ q: String(q), lang: lang as Lang })),
        ),
      ),
    ];
  }, 120_000);
  afterAll(async () => testDatabase?.dispose());

  const queriesFor = async ({ q, lang }: { q: string; lang: Lang }) => {
    const words = questionWords(q, lang, config.lexical.maxQueryWords);
    const { terms } = await resolveTerms(testDatabase.database, words, config.lexical, vocabulary);
    const queries: LexicalQuery[] = [...wordQueries(terms), ...phraseQueries(terms, words.length)];
    return { terms, queries };
  };

  it('holds every chunk of the index', async () => {
    const { rows } = await testDatabase.database.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM knowledge_chunks',
    );
    expect(index.chunkCount).toBe(rows[0]!.count);
    expect(index.chunkCount).toBeGreaterThan(1000);
  });

  it('matches words and phrases exactly as the full-text SQL, over the whole base and within a scope', async () => {
    expect(questions.length).toBeGreaterThan(400);
    let phrases = 0;
    let matched = 0;
    let listed = 0;
    for (const question of questions) {
      const { queries } = await queriesFor(question);
      phrases += queries.filter((query) => query.words.length === 2).length;
      const fromSql = await matchLexical(testDatabase.database, queries, config.fieldWeights);
      const inProcess = await index.matchLexical(queries, config.fieldWeights);
      expect({ q: question.q, ...lexicalView(inProcess) }).toEqual({
        q: question.q,
        ...lexicalView(fromSql),
      });
      matched += fromSql.procedures.length;
      listed += fromSql.procedures.filter((match) => (match.listed?.size ?? 0) > 0).length;

      // The large-base path: a scope, and the first pass's candidates.
      const within = fromSql.procedures.map((match) => match.procedureId).filter((id) => id % 2 === 0);
      const scope = { within, documentFrequency: new Map([[0, 3]]), total: 77 };
      expect(lexicalView(await index.matchLexical(queries, config.fieldWeights, scope))).toEqual(
        lexicalView(await matchLexical(testDatabase.database, queries, config.fieldWeights, scope)),
      );
      // Ordered by a sum PostgreSQL adds in no fixed order (equal sums can differ in the last bit):
      // the candidates are compared as a set, over every procedure that matched.
      const words = queries.filter((query) => query.words.length === 1);
      const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
      expect(sorted(await index.lexicalCandidates(words, config.fieldWeights, 1000))).toEqual(
        sorted(await lexicalCandidates(testDatabase.database, words, config.fieldWeights, 1000)),
      );
    }
    // The comparison is not vacuous: many phrases were asked and many procedures matched.
    expect(phrases).toBeGreaterThan(500);
    expect(matched).toBeGreaterThan(1000);
    expect(listed).toBeGreaterThan(100);
  }, 600_000);

  it('finds the nearest chunks as PostgreSQL measures them, within 1e-6', async () => {
    const embeddings = (await createEmbeddings(configWith())).embeddings;
    let compared = 0;
    let hnswMissed = 0;
    let boundaryTies = 0;
    // Every third question: a scan per question is slow on PGlite, and similarities vary little.
    for (const { q } of questions.filter((_, n) => n % 3 === 0)) {
      const embedding = await embeddings.embedQuery(q);
      const inProcess = byProcedure(await index.matchVector(embedding, config.vector));
      const { matches, cutoff } = await exactVectorMatch(
        testDatabase.database,
        embedding,
        config.vector.candidates,
      );
      const exact = byProcedure(matches);
      // A procedure only one search kept must be one whose best chunk sits at the cut-off.
      const atCutoff = (similarity: number | undefined) =>
        similarity !== undefined && Math.abs(similarity - cutoff) <= 1e-6;
      const onlyOne = [...inProcess.keys(), ...exact.keys()].filter(
        (procedureId) => inProcess.has(procedureId) !== exact.has(procedureId),
      );
      expect(
        onlyOne.filter((procedureId) => !atCutoff(exact.get(procedureId) ?? inProcess.get(procedureId))),
      ).toEqual([]);
      boundaryTies += onlyOne.length;
      for (const [procedureId, similarity] of exact) {
        if (!inProcess.has(procedureId)) continue;
        expect(Math.abs(inProcess.get(procedureId)! - similarity)).toBeLessThanOrEqual(1e-6);
        compared += 1;
      }
      // HNSW (what the SQL path runs) may miss a neighbour: then a procedure's best chunk is further.
      for (const [procedureId, similarity] of byProcedure(
        await matchVector(testDatabase.database, embedding, config.vector),
      )) {
        const exactSimilarity = inProcess.get(procedureId);
        if (exactSimilarity === undefined || Math.abs(exactSimilarity - similarity) > 1e-6) hnswMissed += 1;
        if (exactSimilarity !== undefined) expect(similarity).toBeLessThanOrEqual(exactSimilarity + 1e-6);
      }
    }
    expect(compared).toBeGreaterThan(3000);
    // Reported, not asserted: how often HNSW differed from the exact search on this base.
    console.log(
      `${backend}: ${compared} procedure similarities compared, ${boundaryTies} kept by one search only ` +
        `(a tie at the cut-off), HNSW differed on ${hnswMissed}`,
    );
    // Ties at the cut-off are rare: the sets are otherwise the same.
    expect(boundaryTies).toBeLessThan(compared / 100);
  }, 600_000);

  it('quotes the same chunks of the chosen procedures, in the same order', async () => {
    const embeddings = (await createEmbeddings(configWith())).embeddings;
    const { rows } = await testDatabase.database.query<{ id: number }>('SELECT id FROM knowledge_procedures');
    const allIds = rows.map((row) => row.id);
    for (const [n, question] of questions.entries()) {
      if (n % 3 !== 1) continue; // every third question: each costs six queries
      const { terms } = await queriesFor(question);
      const lexemes = [...new Set(terms.map((term) => term.lexeme))];
      const embedding = await embeddings.embedQuery(question.q);
      // A few procedures (rotating through the base) plus one id that does not exist.
      const ids = [0, 1, 2, 3].map((k) => allIds[(n * 4 + k) % allIds.length]!).concat([-1]);
      for (const lang of ['ro', 'en', 'hu']) {
        for (const quoted of [lexemes, []]) {
          const fromSql = await procedureChunks(testDatabase.database, ids, quoted, embedding, lang, 3);
          const inProcess = await index.procedureChunks(ids, quoted, embedding, lang, 3);
          expect({ q: question.q, rows: chunkView(inProcess) }).toEqual({
            q: question.q,
            rows: chunkView(fromSql),
          });
        }
      }
    }
  }, 600_000);
});

describe.each(BACKENDS)('quoted chunks with equal scores on %s', (backend) => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase(backend);
  }, 120_000);
  afterAll(async () => testDatabase?.dispose());

  it('are ordered by chunk id, in SQL as in the process', async () => {
    const database = testDatabase.database;
    const { rows } = await database.query<{ id: string; procedure_id: number; embedding: string }>(
      `SELECT id, procedure_id, embedding::text AS embedding FROM knowledge_chunks
       WHERE field = 'body' ORDER BY id LIMIT 1`,
    );
    const original = rows[0]!;
    const { rows: last } = await database.query<{ max: string }>(
      'SELECT max(id)::text AS max FROM knowledge_chunks',
    );
    const next = BigInt(last[0]!.max);
    // Two copies of the chunk (same text, same vector: every score ties), stored in the opposite order
    // of their ids, so an order the SQL left to the storage would show.
    for (const [id, section] of [
      [next + 2n, 'copy with the higher id'],
      [next + 1n, 'copy with the lower id'],
    ] as const) {
      await database.query(
        `INSERT INTO knowledge_chunks (id, procedure_id, field, section, lang, position, content, search_text, embedding)
         SELECT $2, procedure_id, field, $3, lang, position, content, search_text, embedding
         FROM knowledge_chunks WHERE id = $1`,
        [original.id, id.toString(), section],
      );
    }
    const index = await ChunkIndex.load(database);
    const embedding = JSON.parse(original.embedding) as number[];
    const ids = [original.procedure_id];
    for (const lexemes of [[], ['nimic-de-gasit']]) {
      const fromSql = await procedureChunks(database, ids, lexemes, embedding, 'ro', 3);
      const inProcess = await index.procedureChunks(ids, lexemes, embedding, 'ro', 3);
      expect(fromSql.map((row) => row.section).slice(1)).toEqual([
        'copy with the lower id',
        'copy with the higher id',
      ]);
      expect(inProcess).toEqual(fromSql);
    }
  }, 120_000);
});
