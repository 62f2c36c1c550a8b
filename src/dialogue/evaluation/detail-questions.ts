import { z } from 'zod';
import { LangSchema } from '../../language.js';
import { MAX_TEXT_LENGTH } from '../dialogue-service.js';
import { ProcedureSlugSchema } from './procedure-slug.js';
import { parseJsonLines, type NumberedLine } from './parse-json-lines.js';

/**
 * One line of an answer-detail evaluation file: a first question, the procedures that answer it, and
 * the detail the answer must show — any one of `mustContain` (compared lower-cased, without diacritics,
 * as whole words). `source` says where the detail comes from (the shared dev set has it on every line);
 * it is for the people who keep the file and is not scored.
 */
export const DetailQuestionSchema = z
  .object({
    q: z.string().trim().min(1).max(MAX_TEXT_LENGTH),
    lang: LangSchema,
    expect: z.array(ProcedureSlugSchema).min(1),
    mustContain: z.array(z.string().trim().min(1)).min(1),
    source: z.string().optional(),
  })
  .strict();
export type DetailQuestion = z.infer<typeof DetailQuestionSchema>;

export function parseDetailQuestions(text: string, source: string): Array<NumberedLine<DetailQuestion>> {
  return parseJsonLines(text, DetailQuestionSchema, source);
}
