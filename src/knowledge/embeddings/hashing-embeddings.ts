import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { tokenize } from '../../text/normalize.js';
import { lightStem } from '../words/light-stemmer.js';
import { isStopword } from '../words/stopwords.js';

/**
 * The default, fully offline embedder: feature hashing ("the hashing trick") of what identifies a
 * procedure in a citizen's words. No model, no download, no network, deterministic, ~20 µs per text.
 *
 * Each meaningful word (stop words dropped) contributes three kinds of features, hashed into
 * `dimensions` signed buckets and L2-normalised, so the cosine of two texts measures how many of these
 * features they share:
 *   - the word itself ("buletin")                              → exact vocabulary
 *   - its light stem ("autorizatiei" → "autoriz")              → Romanian inflection
 *   - its 5-letter prefix ("engedelyhez" → "enged")            → Hungarian suffixes, compounds
 *   - its character trigrams ("#ce", "cer", …, "at#")          → typos ("certficat"), missing letters
 * Text is normalised first (no diacritics, lower case), so "căsătorie" and "casatorie" are one word.
 * docs/embeddings.md explains the choice and gives the measured effect of each feature.
 */
export interface HashingEmbeddingsParams extends EmbeddingsParams {
  dimensions: number;
  /** Other feature weights, for experiments (docs/embeddings.md); the defaults are the model. */
  weights?: Partial<HashingFeatureWeights>;
}

export interface HashingFeatureWeights {
  word: number;
  stem: number;
  prefix: number;
  /** Spread over a word's trigrams (divided by √count), so a long word does not outweigh a short one. */
  trigrams: number;
}

/** A whole-word match counts most, a shared trigram least. Part of the model identity. */
export const DEFAULT_HASHING_WEIGHTS: HashingFeatureWeights = {
  word: 1.0,
  stem: 0.8,
  prefix: 0.5,
  trigrams: 0.9,
};
const PREFIX_LENGTH = 5;

/** Changing a weight or a feature changes every vector: bump this to make ingestion re-embed. */
export const HASHING_MODEL = 'hashing-v8';

export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number;
  private readonly weights: HashingFeatureWeights;

  constructor(params: HashingEmbeddingsParams) {
    super(params);
    if (!Number.isInteger(params.dimensions) || params.dimensions < 8) {
      throw new Error('HashingEmbeddings needs a whole number of dimensions, at least 8');
    }
    this.dimensions = params.dimensions;
    this.weights = { ...DEFAULT_HASHING_WEIGHTS, ...params.weights };
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  /** Synchronous core, also used by the benchmark's synthetic ingestion. */
  embed(text: string): number[] {
    const vector = new Float64Array(this.dimensions);
    for (const word of tokenize(text)) {
      if (isStopword(word)) continue;
      const { word: wordWeight, stem, prefix, trigrams } = this.weights;
      if (wordWeight > 0) this.add(vector, `w:${word}`, wordWeight);
      if (stem > 0) this.add(vector, `s:${lightStem(word, 'ro')}`, stem);
      if (prefix > 0 && word.length > PREFIX_LENGTH)
        this.add(vector, `p:${word.slice(0, PREFIX_LENGTH)}`, prefix);
      if (trigrams > 0) {
        const padded = `#${word}#`;
        const count = padded.length - 2;
        for (let i = 0; i < count; i++)
          this.add(vector, `c:${padded.slice(i, i + 3)}`, trigrams / Math.sqrt(count));
      }
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    if (norm === 0) {
      // A text of stop words only: one fixed feature, because a zero vector has no cosine (NaN) and
      // pgvector cannot index it. It is then similar only to other empty texts.
      this.add(vector, 'z:empty', 1);
      norm = 1;
    }
    norm = Math.sqrt(norm);
    return Array.from(vector, (value) => value / norm);
  }

  private add(vector: Float64Array, feature: string, weight: number): void {
    const hash = fnv1a(feature);
    // Low bits choose the bucket, the top bit the sign: collisions then cancel out on average
    // instead of always adding up.
    vector[hash % this.dimensions] += hash & 0x80000000 ? -weight : weight;
  }
}

/** 32-bit FNV-1a: fast, well spread over short strings, and the same on every platform. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
