import { describe, expect, it } from '@jest/globals';
import { ChunkIndex } from '../../src/knowledge/retrieval/chunk-index.js';
import type { Queryable } from '../../src/storage/database.js';

/**
 * The in-process vector search reads each dimension's non-zero chunk values only. It must give the
 * very doubles a dense scan gives (the dot products summed over the question's non-zero dimensions in
 * ascending order), so that which chunks are nearest, and their similarities, do not change.
 */
const DIMENSIONS = 64;

/** A repeatable pseudo-random sequence (no Math.random: a failure must be reproducible). */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A sparse vector: about `density` of its dimensions set, signed, like a hashing embedding. */
function sparseVector(next: () => number, density: number): number[] {
  const vector = Array.from({ length: DIMENSIONS }, (): number => (next() < density ? next() * 2 - 1 : 0));
  if (!vector.some((value) => value !== 0)) vector[Math.floor(next() * DIMENSIONS)] = 0.5;
  return vector;
}

function fakeIndexRows(embeddings: number[][]) {
  return embeddings.map((embedding, chunk) => ({
    procedure_id: 1 + Math.floor(chunk / 4),
    slug: `p${1 + Math.floor(chunk / 4)}`,
    title: null,
    field: 'body',
    lang: 'ro',
    section: 's',
    content: `chunk ${chunk}`,
    embedding: `[${embedding.join(',')}]`,
    lexemes: [],
    total: Math.ceil(embeddings.length / 4),
    listed: chunk === 0 ? [] : null,
  }));
}

/** The dense scan: every dimension of every chunk, float4 values held in doubles. */
function denseSimilarities(embeddings: number[][], question: number[], candidates: number) {
  const q = Float64Array.from(Float32Array.from(question));
  const nonZero = [...q.keys()].filter((d) => q[d] !== 0);
  const questionNorm = q.reduce((sum, value) => sum + value * value, 0);
  const distances = embeddings.map((embedding) => {
    const e = Float64Array.from(Float32Array.from(embedding));
    let norm = 0;
    for (const value of e) norm += value ** 2;
    let dot = 0;
    for (const d of nonZero) dot += e[d]! * q[d]!;
    return 1 - Math.min(1, Math.max(-1, dot / Math.sqrt(norm * questionNorm)));
  });
  const nearest = [...distances.keys()]
    .sort((a, b) => distances[a]! - distances[b]! || a - b)
    .slice(0, candidates);
  const best = new Map<number, number>();
  for (const chunk of nearest) {
    const procedureId = 1 + Math.floor(chunk / 4);
    best.set(procedureId, Math.max(best.get(procedureId) ?? -Infinity, 1 - distances[chunk]!));
  }
  return [...best.entries()].map(([procedureId, similarity]) => ({ procedureId, similarity }));
}

describe('the in-process vector search over sparse embeddings', () => {
  it.each([0.05, 0.3, 0.9])(
    'gives the dense scan’s similarities bit for bit (chunks %p set)',
    async (density) => {
      const next = sequence(Math.round(density * 1000));
      const embeddings = Array.from({ length: 400 }, () => sparseVector(next, density));
      const queryable = {
        query: async () => ({ rows: fakeIndexRows(embeddings), rowCount: embeddings.length }),
      } as unknown as Queryable;
      const index = await ChunkIndex.load(queryable);
      const sorted = (matches: Array<{ procedureId: number; similarity: number }>) =>
        [...matches].sort((a, b) => a.procedureId - b.procedureId);
      for (let question = 0; question < 50; question++) {
        const embedding = sparseVector(next, 0.2);
        const found = await index.matchVector(embedding, { candidates: 40, efSearch: 40 });
        expect(found.length).toBeGreaterThan(0);
        expect(sorted(found)).toEqual(sorted(denseSimilarities(embeddings, embedding, 40)));
      }
    },
  );
});
