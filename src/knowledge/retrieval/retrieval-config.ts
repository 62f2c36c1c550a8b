import { z } from 'zod';
import { fromProjectRoot } from '../../project-root.js';
import { knowledgeBaseFile, readYamlFile } from '../knowledge-base-file.js';
import { CHUNK_FIELDS } from '../ingest/chunk-procedure.js';
import { LexiconSchema, loadLexicon } from './lexicon.js';

/** The signals the confidence is computed from, each about one candidate procedure. */
export const CONFIDENCE_FEATURES = [
  'coverage',
  'namedCoverage',
  'similarity',
  'coverageLead',
  'similarityLead',
  'fusion',
  'evidence',
  'titleCoverage',
] as const;
export type ConfidenceFeature = (typeof CONFIDENCE_FEATURES)[number];
export type ConfidenceFeatures = Record<ConfidenceFeature, number>;

/**
 * The retriever's weights and thresholds (knowledge-base/retrieval.yaml, where each one is explained).
 * Data, not code: tuning them needs no release, and the evaluation command measures every change.
 */
const weight = z.number().min(0).max(10);
const fraction = z.number().min(0).max(1);

export const RetrievalConfigSchema = z
  .object({
    fieldWeights: z.object(
      Object.fromEntries(CHUNK_FIELDS.map((field) => [field, weight])) as {
        [K in (typeof CHUNK_FIELDS)[number]]: typeof weight;
      },
    ),
    lexical: z
      .object({
        fuzzyMinSimilarity: fraction,
        fuzzyMaxCandidates: z.number().int().min(0).max(20),
        fuzzyMinWordLength: z.number().int().min(2).max(20),
        fuzzyWeight: fraction,
        stemWeight: fraction,
        unknownWordWeight: fraction,
        lexiconWeight: fraction,
        lexiconMaxProcedures: z.number().int().min(0).max(1000),
        evidenceWords: z.number().min(0.1).max(20),
        phraseWeight: weight,
        aboutnessShare: fraction,
        aboutnessSaturation: z.number().min(0.1).max(100),
        maxQueryWords: z.number().int().min(1).max(64),
        exactMaxProcedures: z.number().int().min(1),
        exactBudget: z.number().int().min(1),
        candidateBudget: z.number().int().min(1),
        candidateLimit: z.number().int().min(1).max(10_000),
      })
      .strict(),
    vector: z
      .object({
        candidates: z.number().int().min(1).max(1000),
        efSearch: z.number().int().min(10).max(1000),
      })
      .strict(),
    fusion: z
      .object({
        rrfK: z.number().min(0).max(1000),
        weights: z.object({ fulltext: weight, trigram: weight, vector: weight }).strict(),
        candidates: z.number().int().min(1).max(200),
        titleCandidates: z.number().int().min(1).max(200),
        rankBy: z.enum(['fusion', 'confidence']),
      })
      .strict(),
    confidence: z
      .object({
        intercept: z.number(),
        weights: z.object(
          Object.fromEntries(CONFIDENCE_FEATURES.map((feature) => [feature, z.number()])) as {
            [K in ConfidenceFeature]: z.ZodNumber;
          },
        ),
      })
      .strict(),
    decline: z.object({ minConfidence: fraction, minCoverage: fraction, minEvidence: fraction }).strict(),
    ambiguity: z
      .object({ maxMargin: fraction, minConfidence: fraction, maxSharedEvidence: fraction })
      .strict(),
    subject: z
      .object({
        containedShare: fraction,
        minMentionedWords: z.number().min(0).max(20),
        minOwnWords: z.number().min(0).max(20),
        minTitleCoverage: fraction,
      })
      .strict(),
    // Space-separated word lists by kind (months, times, places...): see retrieval.yaml, `context`.
    context: z.record(z.string(), z.string()).default({}),
    // The everyday lexicon, read from its own file (lexicon.yaml, lexicon.ts) by loadRetrievalConfig.
    lexicon: LexiconSchema.default([]),
    results: z
      .object({
        limit: z.number().int().min(1).max(50),
        chunksPerProcedure: z.number().int().min(0).max(20),
      })
      .strict(),
  })
  .strict();
export type RetrievalConfig = z.infer<typeof RetrievalConfigSchema>;

export const DEFAULT_RETRIEVAL_CONFIG_PATH = fromProjectRoot('knowledge-base', 'retrieval.yaml');

/**
 * Reads `retrieval.yaml` from the knowledge-base directory, or the project's own file when that
 * directory has none (a test or a synthetic base), and `lexicon.yaml` the same way. A wrong value
 * fails with the field's path.
 */
export function loadRetrievalConfig(knowledgeBaseDirectory?: string): RetrievalConfig {
  const settings = readYamlFile(
    knowledgeBaseFile('retrieval.yaml', knowledgeBaseDirectory),
    RetrievalConfigSchema,
  );
  return { ...settings, lexicon: loadLexicon(knowledgeBaseDirectory) };
}
