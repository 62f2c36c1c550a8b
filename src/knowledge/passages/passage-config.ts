import { z } from 'zod';
import { fromProjectRoot } from '../../project-root.js';
import { readYamlFile } from '../knowledge-base-file.js';
import { PASSAGE_FIELDS } from './procedure-passages.js';

/**
 * The detail cues and thresholds of passage-level answers (knowledge-base/passages.yaml, where each
 * value is explained). Data, not code: fitted on the project's own precise-fact question sets.
 */
const fraction = z.number().min(0).max(1);
const phrases = z.array(z.string().min(1)).min(1);

export const PassageConfigSchema = z
  .object({
    minScore: fraction,
    maxSentences: z.number().int().min(1).max(5),
    secondSentenceShare: fraction,
    storyWeight: fraction,
    titleTie: fraction,
    plain: z.object({ minScore: fraction, minWords: z.number().int().min(1) }).strict(),
    /**
     * The offices a question may name by their name (see named-offices.ts): normalised name phrases in
     * the three languages, and the department (departments.yaml) whose contact the reply gives.
     */
    offices: z
      .record(z.string(), z.object({ department: z.string().min(1).optional(), names: phrases }).strict())
      .default({}),
    /** The words written around a street name (see address-words.ts); normalised. */
    addressWords: z
      .object({
        before: phrases,
        between: phrases,
        after: phrases,
        street: phrases,
      })
      .strict(),
    /**
     * English and Hungarian renderings of sentences the Markdown body states only in Romanian, per
     * procedure slug: `ro` is the body's sentence as written (compared word for word, emphasis and
     * diacritics aside), `en` and `hu` say the same fact with the same figures. An English or Hungarian
     * question then finds and quotes the fact in its own language. A rendering whose `ro` no longer
     * occurs in the body is caught by test/knowledge/passages/body-translations.test.ts.
     */
    translations: z
      .record(
        z.string(),
        z.array(z.object({ ro: z.string().min(1), en: z.string().min(1), hu: z.string().min(1) }).strict()),
      )
      .default({}),
    cues: z.record(
      z.string(),
      z
        .object({
          ask: phrases,
          answer: phrases,
          fields: z.array(z.enum(PASSAGE_FIELDS)).default([]),
          weak: z.boolean().default(false),
          case: z.boolean().default(false),
          askedOnly: z.boolean().default(false),
        })
        .strict(),
    ),
  })
  .strict();
export type PassageConfig = z.infer<typeof PassageConfigSchema>;
export type BodyTranslation = PassageConfig['translations'][string][number];

export const DEFAULT_PASSAGE_CONFIG_PATH = fromProjectRoot('knowledge-base', 'passages.yaml');

/** Reads and validates the file; a wrong value fails with the field's path. */
export function loadPassageConfig(path = DEFAULT_PASSAGE_CONFIG_PATH): PassageConfig {
  return readYamlFile(path, PassageConfigSchema);
}

let cached: PassageConfig | undefined;

/** The project's file, read once. */
export function passageConfig(): PassageConfig {
  cached ??= loadPassageConfig();
  return cached;
}
