import type { Database } from '../../storage/database.js';
import type { ChunkField } from '../ingest/chunk-procedure.js';
import type { SearchTerm } from './resolve-terms.js';

export interface LexicalMatch {
  procedureId: number;
  /** Question word index → best weighted match of that word in this procedure (0–1). */
  matches: Map<number, number>;
  /** The same, in the naming fields only (title, summary, keywords, examples): not the body. */
  named: Map<number, number>;
  /** Question word index → how many of the procedure's chunks contain it. */
  chunks: Map<number, number>;
  /**
   * Question words (indices) found in its steps or documents lists (knowledge_listed), which weigh
   * nothing in the ranking: for the subject rule only (rank-procedures.ts, isSubjectOf). Absent: none.
   */
  listed?: Set<number>;
}

export interface LexicalResult {
  procedures: LexicalMatch[];
  /** Question word index → in how many procedures it matched (for its idf). */
  documentFrequency: Map<number, number>;
  /** Procedures in the index. */
  total: number;
}

/** One full-text query of the lexical channel: a word (its lexemes) or a phrase of two words. */
export interface LexicalQuery {
  /** Question word index; phrases follow the words. */
  i: number;
  /** The question words it is made of (one, or two for a phrase). */
  words: number[];
  /** A tsquery built from vocabulary lexemes only ([a-z0-9], `|`, `<N>`, parentheses). */
  query: string;
  weight: number;
  /** Phrases are looked for in the naming fields only: the body mentions other procedures' names. */
  inBody: boolean;
}

/**
 * The lexeme a query looks up in the steps and documents lists (knowledge_listed), or null: a single
 * word's query is one lexeme; phrases are not looked for in lists.
 */
export function listedLexeme(query: LexicalQuery): string | null {
  return query.inBody && query.words.length === 1 ? query.query : null;
}

/** Lexical queries for the resolved words: each word's lexemes, OR-ed. */
export function wordQueries(terms: SearchTerm[]): LexicalQuery[] {
  return terms.map((term) => ({
    i: term.i,
    words: [term.i],
    query: term.lexeme,
    weight: term.weight,
    inBody: true,
  }));
}

/**
 * Phrase queries for neighbouring question words ("carte … identitate"): their lexemes within three
 * positions of each other, so "carte de identitate", "cartea identitate" and "carte electronica de
 * identitate" all match, while a page that says "carte" in one place and "identitate" in another
 * does not.
 */
export function phraseQueries(terms: SearchTerm[], wordCount: number): LexicalQuery[] {
  const lexemes = new Map<number, Set<string>>();
  // A word found only through the lexicon's stand-ins (lexicon.ts) makes a phrase that counts as much
  // as its stand-ins: "vândut" + "Skoda" found as "vândut mașina" is less than the citizen's own words.
  const standInWeight = new Map<number, number>();
  const own = new Set<number>();
  for (const term of terms) {
    if (term.weight < 0.5) continue;
    const set = lexemes.get(term.i) ?? new Set<string>();
    set.add(term.lexeme);
    lexemes.set(term.i, set);
    if (term.kind === 'lexicon')
      standInWeight.set(term.i, Math.max(standInWeight.get(term.i) ?? 0, term.weight));
    else own.add(term.i);
  }
  const weightOf = (i: number) => (own.has(i) ? 1 : (standInWeight.get(i) ?? 1));
  const queries: LexicalQuery[] = [];
  for (let i = 0; i + 1 < wordCount; i++) {
    const left = lexemes.get(i);
    const right = lexemes.get(i + 1);
    if (!left || !right) continue;
    const a = `(${[...left].join(' | ')})`;
    const b = `(${[...right].join(' | ')})`;
    queries.push({
      i: wordCount + queries.length,
      words: [i, i + 1],
      query: [1, 2, 3].map((distance) => `(${a} <${distance}> ${b})`).join(' | '),
      weight: Math.min(weightOf(i), weightOf(i + 1)),
      inBody: false,
    });
  }
  return queries;
}

export interface LexicalScope {
  /** Only these procedures (a large base: the candidates found by the rare words and the vectors). */
  within: number[];
  /** Question word / phrase index → procedures containing it, estimated from the vocabulary. */
  documentFrequency: Map<number, number>;
  total: number;
}

/**
 * Full-text matching (tsvector, ro_unaccent, GIN): for every procedure, how well each query matches
 * it — the best chunk wins, weighted by the chunk's field (a word in the title counts more than in
 * the body) — and in how many of its chunks. OR semantics: a procedure need not contain every word.
 * Over the whole base the document frequencies are counted exactly; within a scope they are the
 * scope's estimates.
 */
export async function matchLexical(
  database: Database,
  queries: LexicalQuery[],
  fieldWeights: Record<ChunkField, number>,
  scope?: LexicalScope,
): Promise<LexicalResult> {
  if (queries.length === 0) return { procedures: [], documentFrequency: new Map(), total: 0 };
  const fields = Object.entries(fieldWeights);
  const { rows } = await database.query<{
    procedure_id: number;
    i: number;
    m: number;
    named: number;
    tf: number;
    df: number;
    listed: boolean;
    total: number;
  }>(
    // MATERIALIZED: each tsquery is parsed once, not once per chunk it is compared with.
    `WITH t AS MATERIALIZED (
       SELECT i, query::tsquery AS query, weight, in_body
       FROM unnest($1::int[], $2::text[], $3::float8[], $4::bool[]) AS t(i, query, weight, in_body)
     ),
     f AS (SELECT * FROM unnest($5::text[], $6::float8[]) AS f(field, weight)),
     m AS (
       SELECT c.procedure_id, t.i, max(t.weight * f.weight) AS m,
              max(CASE WHEN c.field = 'body' THEN 0 ELSE t.weight * f.weight END) AS named, count(*) AS tf
       FROM t
       JOIN knowledge_chunks c ON c.tsv @@ t.query AND (t.in_body OR c.field <> 'body')
         AND ($7::int[] IS NULL OR c.procedure_id = ANY($7::int[]))
       JOIN f ON f.field = c.field
       GROUP BY c.procedure_id, t.i
     ),
     ranked AS (
       SELECT m.procedure_id, m.i, m.m::float8 AS m, m.named::float8 AS named, m.tf::int AS tf,
              count(*) OVER (PARTITION BY m.i)::int AS df, false AS listed
       FROM m
     ),
     -- Single words found in the steps and documents lists of the procedures matched above, for the
     -- subject rule; they change no score, count and frequency of the ranked rows (migration 007).
     -- MATERIALIZED: each word's list of procedures is unnested once and hash-joined with the matched
     -- ones. Inlined, the planner unnested a common word's list (thousands of procedures on a large
     -- base) once per matched procedure: 130 of 150 ms of a scoped statement on 100k chunks.
     listed_in AS MATERIALIZED (
       SELECT t.i, p.procedure_id
       FROM unnest($1::int[], $8::text[]) AS t(i, lexeme)
       JOIN knowledge_listed l ON l.lexeme = t.lexeme
       CROSS JOIN LATERAL unnest(l.procedures) AS p(procedure_id)
     ),
     listed AS (
       SELECT DISTINCT x.procedure_id, x.i, 0::float8 AS m, 0::float8 AS named, 0 AS tf, 0 AS df, true AS listed
       FROM listed_in x
       JOIN (SELECT DISTINCT procedure_id FROM m) matched ON matched.procedure_id = x.procedure_id
     )
     SELECT r.*, coalesce((SELECT procedures FROM knowledge_state), 0) AS total
     FROM (SELECT * FROM ranked UNION ALL SELECT * FROM listed) r`,
    [
      queries.map((query) => query.i),
      queries.map((query) => query.query),
      queries.map((query) => query.weight),
      queries.map((query) => query.inBody),
      fields.map(([field]) => field),
      fields.map(([, weight]) => weight),
      scope?.within ?? null,
      queries.map(listedLexeme),
    ],
  );
  const byProcedure = new Map<number, LexicalMatch>();
  const documentFrequency = new Map<number, number>(scope?.documentFrequency ?? []);
  let total = scope?.total ?? 0;
  for (const row of rows) {
    if (row.listed) continue;
    if (!scope) {
      total = row.total;
      documentFrequency.set(row.i, row.df);
    }
    const match = byProcedure.get(row.procedure_id) ?? {
      procedureId: row.procedure_id,
      matches: new Map(),
      named: new Map(),
      chunks: new Map(),
    };
    match.matches.set(row.i, row.m);
    match.named.set(row.i, row.named);
    match.chunks.set(row.i, row.tf);
    byProcedure.set(row.procedure_id, match);
  }
  // Only a procedure the ranked fields matched is a candidate (the SQL looks up no other): a list
  // alone does not make one.
  for (const row of rows) {
    const match = row.listed ? byProcedure.get(row.procedure_id) : undefined;
    if (match) (match.listed ??= new Set()).add(row.i);
  }
  return { procedures: [...byProcedure.values()], documentFrequency, total };
}

/**
 * A large base's first pass: the procedures that best match the question's rarer words (by their
 * best field), which the full matching then scores. Common words (in thousands of procedures) are
 * left to the second pass: they barely change a ranking and would cost most of the time.
 */
export async function lexicalCandidates(
  database: Database,
  queries: LexicalQuery[],
  fieldWeights: Record<ChunkField, number>,
  limit: number,
): Promise<number[]> {
  if (queries.length === 0) return [];
  const fields = Object.entries(fieldWeights);
  const { rows } = await database.query<{ procedure_id: number }>(
    `WITH t AS MATERIALIZED (
       SELECT i, query::tsquery AS query, weight FROM unnest($1::int[], $2::text[], $3::float8[]) AS t(i, query, weight)
     ),
     f AS (SELECT * FROM unnest($4::text[], $5::float8[]) AS f(field, weight)),
     m AS (
       SELECT c.procedure_id, t.i, max(t.weight * f.weight) AS m
       FROM t
       JOIN knowledge_chunks c ON c.tsv @@ t.query
       JOIN f ON f.field = c.field
       GROUP BY c.procedure_id, t.i
     )
     SELECT procedure_id FROM m GROUP BY procedure_id ORDER BY sum(m) DESC, procedure_id LIMIT $6`,
    [
      queries.map((query) => query.i),
      queries.map((query) => query.query),
      queries.map((query) => query.weight),
      fields.map(([field]) => field),
      fields.map(([, weight]) => weight),
      limit,
    ],
  );
  return rows.map((row) => row.procedure_id);
}
