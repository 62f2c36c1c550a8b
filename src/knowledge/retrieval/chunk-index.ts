import type { Queryable } from '../../storage/database.js';
import { boundedMemo } from '../../text/bounded-memo.js';
import type { ChunkField } from '../ingest/chunk-procedure.js';
import type { KnowledgeChannels, ProcedureTitles } from './knowledge-channels.js';
import {
  listedLexeme,
  type LexicalMatch,
  type LexicalQuery,
  type LexicalResult,
  type LexicalScope,
} from './lexical-matching.js';
import { parseLexicalQuery, queryLexemes, type LexicalQueryTree } from './lexical-query-tree.js';
import type { MatchedChunkRow } from './quoted-chunks.js';
import type { RetrievalConfig } from './retrieval-config.js';
import { titleNameStems, type TitleName } from './title-coverage.js';
import type { VectorMatch } from './vector-matching.js';

/** The question's embedding as float4 values held in doubles, its squared norm and its non-zero dimensions. */
interface QuestionVector {
  vector: Float64Array;
  norm: number;
  nonZero: Int32Array;
}

interface ChunkRecord {
  procedureId: number;
  field: string;
  lang: string;
  section: string;
  content: string;
}

/**
 * Where one lexeme occurs: the chunks (ascending) and, for each, its positions in the chunk's
 * tsvector (`positions[starts[k]] … positions[starts[k + 1] - 1]`). Typed arrays: a base of 2,000
 * procedures has millions of (lexeme, chunk) pairs, which as objects would cost hundreds of MB.
 */
interface Postings {
  chunks: Int32Array;
  starts: Int32Array;
  positions: Uint16Array;
}

/**
 * ts_rank_cd's weight for a position of weight D (the only weight to_tsvector gives): PostgreSQL holds
 * it as the float4 0.1 and divides by its inverse (tsrank.c, calc_rank_cd).
 */
const COVER_WEIGHT_D = 1 / (1 / Math.fround(0.1));

/**
 * The chunks of a small base held in the process (docs/adr/0006-knowledge-cache.md): each chunk's
 * lexemes with their positions, read from `knowledge_chunks.tsv` (so PostgreSQL's Romanian stemming is
 * used, not reproduced), and its embedding. It answers the three per-turn chunk reads with the same
 * results as the SQL in lexical-matching.ts, vector-matching.ts and quoted-chunks.ts, except that the
 * vector search is exact where HNSW is approximate. Built from one statement, so it is one consistent
 * snapshot of the index; the knowledge cache replaces it whole after a re-index.
 */
export class ChunkIndex implements KnowledgeChannels {
  /**
   * Questions repeat their lexemes: each tsquery's parsed form is kept, bounded so odd input cannot grow
   * it. A tsquery is as long as its question's lexemes, so no key length is left out.
   */
  private readonly queryTrees = boundedMemo(parseLexicalQuery, {
    maxEntries: 10_000,
    maxKeyLength: Number.POSITIVE_INFINITY,
  });
  /**
   * The embeddings again, dimension by dimension, each dimension listing only the chunks whose value
   * there is not zero (`byDimension.chunks[starts[d]] … [starts[d + 1] - 1]`, ascending, with their
   * values): matching a question against every chunk reads only the question's non-zero dimensions, and
   * in each only the chunks that have it. A hashing embedding of a chunk sets about a quarter of its
   * dimensions, so this skips about three products in four; the skipped ones are all ±0, which leave a
   * double sum unchanged, so the dot products are bit for bit the dense ones.
   */
  private readonly byDimension: { starts: Int32Array; chunks: Int32Array; values: Float32Array };

  private constructor(
    private readonly chunks: ChunkRecord[],
    /** All embeddings, `dimensions` floats per chunk, in chunk order (float4, as pgvector stores them). */
    private readonly embeddings: Float32Array,
    private readonly norms: Float64Array,
    private readonly dimensions: number,
    private readonly postings: Map<string, Postings>,
    /** Every indexed procedure (with or without chunks) → its slug. */
    private readonly slugs: Map<number, string>,
    /** Every indexed procedure → its titles' names, stemmed once here (title-coverage.ts). */
    private readonly names: Map<number, TitleName[]>,
    private readonly chunksOf: Map<number, number[]>,
    /** knowledge_state.procedures (0 before the first ingestion), as the SQL reports it. */
    private readonly total: number,
    /** Lexeme → the procedures whose steps or documents lists hold it (knowledge_listed). */
    private readonly listedBy: Map<string, Int32Array>,
  ) {
    this.byDimension = byDimension(embeddings, chunks.length, dimensions);
  }

  static async load(queryable: Queryable): Promise<ChunkIndex> {
    const { rows } = await queryable.query<{
      procedure_id: number;
      slug: string;
      title: ProcedureTitles | null;
      field: string | null;
      lang: string;
      section: string;
      content: string;
      embedding: string;
      lexemes: Array<[string, number[] | null]>;
      total: number | null;
      listed: Array<[string, number[]]> | null;
    }>(
      `SELECT p.id AS procedure_id, p.slug, p.titles AS title, c.field, c.lang, c.section, c.content, c.embedding::text AS embedding,
              (SELECT coalesce(json_agg(json_build_array(t.lexeme, t.positions)), '[]'::json)
               FROM unnest(c.tsv) AS t) AS lexemes,
              (SELECT procedures FROM knowledge_state) AS total,
              -- The lists' lexemes (knowledge_listed), once, on the first row: the same snapshot.
              CASE WHEN row_number() OVER () = 1 THEN
                (SELECT coalesce(json_agg(json_build_array(lexeme, procedures)), '[]'::json)
                 FROM knowledge_listed)
              END AS listed
       FROM knowledge_procedures p
       LEFT JOIN knowledge_chunks c ON c.procedure_id = p.id
       ORDER BY p.id, c.id`,
    );
    const slugs = new Map<number, string>();
    const names = new Map<number, TitleName[]>();
    const chunks: ChunkRecord[] = [];
    const vectors: number[][] = [];
    const chunksOf = new Map<number, number[]>();
    const building = new Map<string, { chunks: number[]; starts: number[]; positions: number[] }>();
    const listedBy = new Map<string, Int32Array>();
    for (const row of rows) {
      for (const [lexeme, procedures] of row.listed ?? []) listedBy.set(lexeme, Int32Array.from(procedures));
      slugs.set(row.procedure_id, row.slug);
      if (!names.has(row.procedure_id)) names.set(row.procedure_id, titleNameStems(row.title ?? {}));
      if (row.field === null) continue; // a procedure without chunks
      const chunk = chunks.length;
      chunks.push({
        procedureId: row.procedure_id,
        field: row.field,
        lang: row.lang,
        section: row.section,
        content: row.content,
      });
      vectors.push(JSON.parse(row.embedding) as number[]);
      const list = chunksOf.get(row.procedure_id) ?? [];
      list.push(chunk);
      chunksOf.set(row.procedure_id, list);
      for (const [lexeme, positions] of row.lexemes) {
        const postings = building.get(lexeme) ?? { chunks: [], starts: [], positions: [] };
        postings.chunks.push(chunk);
        postings.starts.push(postings.positions.length);
        for (const position of positions ?? []) postings.positions.push(position);
        building.set(lexeme, postings);
      }
    }
    const postings = new Map<string, Postings>();
    for (const [lexeme, built] of building) {
      postings.set(lexeme, {
        chunks: Int32Array.from(built.chunks),
        starts: Int32Array.from([...built.starts, built.positions.length]),
        positions: Uint16Array.from(built.positions),
      });
    }
    const dimensions = vectors[0]?.length ?? 0;
    const embeddings = new Float32Array(chunks.length * dimensions);
    const norms = new Float64Array(chunks.length);
    vectors.forEach((vector, chunk) => {
      if (vector.length !== dimensions) throw new Error('knowledge_chunks: embeddings of different lengths');
      embeddings.set(vector, chunk * dimensions);
      let norm = 0;
      for (let d = chunk * dimensions; d < (chunk + 1) * dimensions; d++) norm += embeddings[d]! ** 2;
      norms[chunk] = norm;
    });
    return new ChunkIndex(
      chunks,
      embeddings,
      norms,
      dimensions,
      postings,
      slugs,
      names,
      chunksOf,
      rows[0]?.total ?? 0,
      listedBy,
    );
  }

  async procedureNames(procedureIds: number[]): Promise<Map<number, TitleName[]>> {
    const found = new Map<number, TitleName[]>();
    for (const id of procedureIds) {
      const names = this.names.get(id);
      if (names) found.set(id, names);
    }
    return found;
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  /** As `matchLexical` in lexical-matching.ts: per procedure and query, the best field weight and the chunk count. */
  async matchLexical(
    queries: LexicalQuery[],
    fieldWeights: Record<ChunkField, number>,
    scope?: LexicalScope,
  ): Promise<LexicalResult> {
    if (queries.length === 0) return { procedures: [], documentFrequency: new Map(), total: 0 };
    const within = scope ? new Set(scope.within) : undefined;
    const byProcedure = new Map<number, LexicalMatch>();
    const listed: Array<{ procedureId: number; i: number }> = [];
    for (const query of queries) {
      const lexeme = listedLexeme(query);
      if (lexeme !== null) {
        for (const procedureId of this.listedBy.get(lexeme) ?? []) {
          if (!within || within.has(procedureId)) listed.push({ procedureId, i: query.i });
        }
      }
      // The SQL joins each query row with the chunks it matches and groups by (procedure, i): a word
      // with two lexemes is two rows, and a chunk holding both counts twice in `tf`, as there.
      this.forEachMatch(query.query, (chunk) => {
        const record = this.chunks[chunk]!;
        if (within && !within.has(record.procedureId)) return;
        if (!query.inBody && record.field === 'body') return;
        const fieldWeight = fieldWeightOf(fieldWeights, record.field);
        if (fieldWeight === undefined) return;
        const weight = query.weight * fieldWeight;
        const named = record.field === 'body' ? 0 : weight;
        const match = byProcedure.get(record.procedureId) ?? {
          procedureId: record.procedureId,
          matches: new Map<number, number>(),
          named: new Map<number, number>(),
          chunks: new Map<number, number>(),
        };
        byProcedure.set(record.procedureId, match);
        const count = match.chunks.get(query.i);
        if (count === undefined) {
          match.matches.set(query.i, weight);
          match.named.set(query.i, named);
          match.chunks.set(query.i, 1);
        } else {
          match.matches.set(query.i, Math.max(match.matches.get(query.i)!, weight));
          match.named.set(query.i, Math.max(match.named.get(query.i)!, named));
          match.chunks.set(query.i, count + 1);
        }
      });
    }
    // As the SQL: a list alone does not make a candidate, and it changes none of the counts above.
    for (const { procedureId, i } of listed) {
      const match = byProcedure.get(procedureId);
      if (match) (match.listed ??= new Set()).add(i);
    }
    const procedures = [...byProcedure.values()];
    if (scope) {
      return { procedures, documentFrequency: new Map(scope.documentFrequency), total: scope.total };
    }
    const documentFrequency = new Map<number, number>();
    for (const procedure of procedures) {
      for (const i of procedure.matches.keys()) documentFrequency.set(i, (documentFrequency.get(i) ?? 0) + 1);
    }
    // The SQL reads the total on its result rows: with no match there is no row and it stays 0.
    return { procedures, documentFrequency, total: procedures.length > 0 ? this.total : 0 };
  }

  /** As `lexicalCandidates` in lexical-matching.ts: procedures by the sum of their best weights. */
  async lexicalCandidates(
    queries: LexicalQuery[],
    fieldWeights: Record<ChunkField, number>,
    limit: number,
  ): Promise<number[]> {
    const best = new Map<number, Map<number, number>>();
    for (const query of queries) {
      this.forEachMatch(query.query, (chunk) => {
        const record = this.chunks[chunk]!;
        const fieldWeight = fieldWeightOf(fieldWeights, record.field);
        if (fieldWeight === undefined) return;
        const perQuery = best.get(record.procedureId) ?? new Map<number, number>();
        best.set(record.procedureId, perQuery);
        perQuery.set(query.i, Math.max(perQuery.get(query.i) ?? 0, query.weight * fieldWeight));
      });
    }
    // PostgreSQL adds a procedure's weights in no particular order, so two equal sums may differ in
    // their last bit there; sums this close count as equal here and the lower id goes first, as in a tie.
    return [...best.entries()]
      .map(([procedureId, perQuery]) => ({
        procedureId,
        sum: [...perQuery.values()].reduce((sum, value) => sum + value, 0),
      }))
      .sort((a, b) => (Math.abs(b.sum - a.sum) > 1e-9 ? b.sum - a.sum : 0) || a.procedureId - b.procedureId)
      .slice(0, limit)
      .map((candidate) => candidate.procedureId);
  }

  /**
   * As `matchVector` in vector-matching.ts, by exact cosine over every chunk instead of HNSW (which
   * may miss a neighbour): the `candidates` nearest chunks, best similarity per procedure.
   */
  async matchVector(embedding: number[], config: RetrievalConfig['vector']): Promise<VectorMatch[]> {
    const distances = this.distances(embedding);
    const nearest = nearestChunks(distances, config.candidates);
    const best = new Map<number, number>();
    for (const chunk of nearest) {
      const procedureId = this.chunks[chunk]!.procedureId;
      const similarity = 1 - distances[chunk]!;
      best.set(procedureId, Math.max(best.get(procedureId) ?? -Infinity, similarity));
    }
    return [...best.entries()].map(([procedureId, similarity]) => ({ procedureId, similarity }));
  }

  /**
   * As `procedureChunks` in quoted-chunks.ts: for each chosen procedure, its body chunks and its summary
   * in `lang`, ordered by ts_rank_cd against the OR of `lexemes`, then by cosine distance.
   */
  async procedureChunks(
    procedureIds: number[],
    lexemes: string[],
    embedding: number[],
    lang: string,
    perProcedure: number,
  ): Promise<MatchedChunkRow[]> {
    const queryLexemes = [...new Set(lexemes)];
    const question = this.question(embedding);
    const rows: MatchedChunkRow[] = [];
    for (const procedureId of new Set(procedureIds)) {
      const slug = this.slugs.get(procedureId);
      if (slug === undefined) continue;
      const ranked = (this.chunksOf.get(procedureId) ?? [])
        .filter((chunk) => {
          const record = this.chunks[chunk]!;
          return record.field === 'body' || (record.field === 'summary' && record.lang === lang);
        })
        .map((chunk) => ({
          chunk,
          rank: this.coverDensityRank(chunk, queryLexemes),
          distance: this.distance(chunk, question),
        }))
        .sort((a, b) => b.rank - a.rank || a.distance - b.distance || a.chunk - b.chunk)
        .slice(0, perProcedure);
      if (ranked.length === 0) rows.push({ procedure_id: procedureId, slug, section: null, content: null });
      for (const { chunk } of ranked) {
        const record = this.chunks[chunk]!;
        rows.push({ procedure_id: procedureId, slug, section: record.section, content: record.content });
      }
    }
    return rows;
  }

  /**
   * ts_rank_cd(tsv, 'a | b | …') with the default weights and no normalisation. For an OR of single
   * lexemes every occurrence of any of them is a cover of its own (one position, no noise), worth the
   * weight of a D position; PostgreSQL adds them in double precision and returns a float4.
   */
  private coverDensityRank(chunk: number, lexemes: string[]): number {
    let covers = 0;
    for (const lexeme of lexemes) covers += this.occurrences(lexeme, chunk);
    let rank = 0;
    for (let k = 0; k < covers; k++) rank += COVER_WEIGHT_D;
    return Math.fround(rank);
  }

  /**
   * pgvector's cosine distance (`<=>`) from the question to every chunk. The question is rounded to
   * float4 as the `::vector` cast does; sums are in double precision where pgvector sums in float4, so
   * distances agree to about 1e-7.
   */
  private distances(embedding: number[]): Float64Array {
    const question = this.question(embedding);
    const { vector: q, nonZero, norm } = question;
    const count = this.chunks.length;
    // Every chunk's dot product, summed over the question's non-zero dimensions in ascending order,
    // as `distance` sums one chunk's: the same non-zero additions in the same order (doubles, no fused
    // multiply-add in JavaScript), so the same doubles.
    const dots = new Float64Array(count);
    const { starts, chunks, values } = this.byDimension;
    for (let k = 0; k < nonZero.length; k++) {
      const d = nonZero[k]!;
      const weight = q[d]!;
      const end = starts[d + 1]!;
      for (let at = starts[d]!; at < end; at++) dots[chunks[at]!] += values[at]! * weight;
    }
    const distances = new Float64Array(count);
    for (let chunk = 0; chunk < count; chunk++)
      distances[chunk] = 1 - Math.min(1, Math.max(-1, dots[chunk]! / Math.sqrt(this.norms[chunk]! * norm)));
    return distances;
  }

  private question(embedding: number[]): QuestionVector {
    // Rounded to float4 as the `::vector` cast does, then held as doubles for the products.
    const vector = Float64Array.from(Float32Array.from(embedding));
    if (vector.length !== this.dimensions && this.chunks.length > 0) {
      throw new Error(`different vector dimensions ${this.dimensions} and ${vector.length}`);
    }
    let norm = 0;
    const nonZero: number[] = [];
    for (let d = 0; d < vector.length; d++) {
      const value = vector[d]!;
      norm += value * value;
      if (value !== 0) nonZero.push(d);
    }
    return { vector, norm, nonZero: Int32Array.from(nonZero) };
  }

  /**
   * The question's hashing embedding is sparse (a few dozen buckets set of hundreds), so the dot
   * product visits only its non-zero dimensions, in ascending order: the skipped terms are all ±0,
   * which leave a double sum unchanged, so the result is bit for bit the dense one.
   */
  private distance(chunk: number, question: QuestionVector): number {
    const { embeddings, dimensions } = this;
    const { vector: q, nonZero } = question;
    const offset = chunk * dimensions;
    let dot = 0;
    for (let k = 0; k < nonZero.length; k++) {
      const d = nonZero[k]!;
      dot += embeddings[offset + d]! * q[d]!;
    }
    return 1 - Math.min(1, Math.max(-1, dot / Math.sqrt(this.norms[chunk]! * question.norm)));
  }

  /** Calls `found` for every chunk the tsquery `query` matches (`tsv @@ query`). */
  private forEachMatch(query: string, found: (chunk: number) => void): void {
    const tree = this.queryTrees(query);
    const lexemes = [...new Set(queryLexemes(tree))];
    if (lexemes.length === 1 && tree.kind === 'lexeme') {
      for (const chunk of this.postings.get(lexemes[0]!)?.chunks ?? []) found(chunk);
      return;
    }
    const candidates = new Set<number>();
    for (const lexeme of lexemes)
      for (const chunk of this.postings.get(lexeme)?.chunks ?? []) candidates.add(chunk);
    for (const chunk of [...candidates].sort((a, b) => a - b)) {
      if (this.matches(tree, chunk)) found(chunk);
    }
  }

  // Loops, not callbacks or sets: this runs for every chunk holding any of the question's lexemes, and
  // a closure or a Set per chunk was a large share of what a turn allocated.
  private matches(tree: LexicalQueryTree, chunk: number): boolean {
    switch (tree.kind) {
      case 'lexeme':
        return this.postingIndex(tree.lexeme, chunk) >= 0;
      case 'or':
        for (const child of tree.children) if (this.matches(child, chunk)) return true;
        return false;
      case 'phrase':
        for (const left of tree.left) {
          const index = this.postingIndex(left, chunk);
          if (index < 0) continue;
          const postings = this.postings.get(left)!;
          for (let k = postings.starts[index]!; k < postings.starts[index + 1]!; k++) {
            const wanted = postings.positions[k]! + tree.distance;
            for (const right of tree.right) if (this.hasPosition(right, chunk, wanted)) return true;
          }
        }
        return false;
    }
  }

  /** Whether the lexeme occurs in the chunk at this position. */
  private hasPosition(lexeme: string, chunk: number, position: number): boolean {
    const index = this.postingIndex(lexeme, chunk);
    if (index < 0) return false;
    const postings = this.postings.get(lexeme)!;
    for (let k = postings.starts[index]!; k < postings.starts[index + 1]!; k++) {
      if (postings.positions[k] === position) return true;
    }
    return false;
  }

  /** How many positions the lexeme has in the chunk (0 when the chunk lacks it). */
  private occurrences(lexeme: string, chunk: number): number {
    const index = this.postingIndex(lexeme, chunk);
    if (index < 0) return 0;
    const postings = this.postings.get(lexeme)!;
    return postings.starts[index + 1]! - postings.starts[index]!;
  }

  /**
   * Where the chunk is in the lexeme's posting list (its positions are `positions[starts[i]]` up to
   * `starts[i + 1]`), or -1 when the chunk lacks the lexeme.
   */
  private postingIndex(lexeme: string, chunk: number): number {
    const postings = this.postings.get(lexeme);
    if (!postings) return -1;
    let low = 0;
    let high = postings.chunks.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = postings.chunks[middle]!;
      if (found === chunk) return middle;
      if (found < chunk) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

/** The embeddings by dimension, non-zero values only (see `ChunkIndex.byDimension`). */
function byDimension(
  embeddings: Float32Array,
  count: number,
  dimensions: number,
): { starts: Int32Array; chunks: Int32Array; values: Float32Array } {
  const starts = new Int32Array(dimensions + 1);
  for (let at = 0; at < embeddings.length; at++)
    if (embeddings[at] !== 0) starts[(at % dimensions) + 1]! += 1;
  for (let d = 0; d < dimensions; d++) starts[d + 1]! += starts[d]!;
  const filled = starts.slice(0, dimensions);
  const chunks = new Int32Array(starts[dimensions]!);
  const values = new Float32Array(starts[dimensions]!);
  // Chunk by chunk, so that each dimension lists its chunks in ascending order.
  for (let chunk = 0; chunk < count; chunk++) {
    for (let d = 0; d < dimensions; d++) {
      const value = embeddings[chunk * dimensions + d]!;
      if (value === 0) continue;
      const at = filled[d]!++;
      chunks[at] = chunk;
      values[at] = value;
    }
  }
  return { starts, chunks, values };
}

function fieldWeightOf(fieldWeights: Record<ChunkField, number>, field: string): number | undefined {
  return Object.hasOwn(fieldWeights, field) ? fieldWeights[field as ChunkField] : undefined;
}

/** The `count` chunks of smallest distance, nearest first (ties: the earlier chunk). */
function nearestChunks(distances: Float64Array, count: number): number[] {
  const nearest: number[] = [];
  for (let chunk = 0; chunk < distances.length; chunk++) {
    const distance = distances[chunk]!;
    if (nearest.length === count && distance >= distances[nearest[count - 1]!]!) continue;
    let at = nearest.length;
    while (at > 0 && distances[nearest[at - 1]!]! > distance) at -= 1;
    nearest.splice(at, 0, chunk);
    if (nearest.length > count) nearest.pop();
  }
  return nearest;
}
