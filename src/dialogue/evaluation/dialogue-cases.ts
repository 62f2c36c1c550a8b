import { z } from 'zod';
import { LangSchema } from '../../language.js';
import { MAX_TEXT_LENGTH } from '../dialogue-service.js';
import { EvalDataError } from './eval-data-error.js';
import { ProcedureSlugSchema } from './procedure-slug.js';
import { parseJsonLines, type NumberedLine } from './parse-json-lines.js';

/**
 * One citizen message and what the bot's answer to it should be about: `expect` is the procedure the
 * last bot message of the turn must name (null: it must name none — a greeting, a "which one?", a
 * decline), `alt` other procedures accepted as right. `facet` (what the citizen asks about: documents,
 * fees, …, or "general") and `kind` (first, follow-up, switch, correction, … — the labelled fitting sets
 * carry it, see test/fixtures/README.md) are labels for reading the results; they are not scored.
 */
export const DialogueTurnSchema = z
  .object({
    text: z.string().trim().min(1).max(MAX_TEXT_LENGTH),
    expect: ProcedureSlugSchema.nullable(),
    alt: z.array(ProcedureSlugSchema).optional(),
    facet: z.string().min(1).nullable().optional(),
    kind: z.string().min(1).optional(),
  })
  .strict()
  .refine((turn) => turn.expect !== null || (turn.alt ?? []).length === 0, {
    message: 'alt needs an expected procedure (expect is null)',
    path: ['alt'],
  });
export type DialogueTurn = z.infer<typeof DialogueTurnSchema>;

/** One line of a dialogue evaluation file: a conversation, played from a fresh start. */
export const DialogueCaseSchema = z
  .object({
    id: z.string().trim().min(1),
    lang: LangSchema,
    turns: z.array(DialogueTurnSchema).min(1),
  })
  .strict();
export type DialogueCase = z.infer<typeof DialogueCaseSchema>;

/** Parses a dialogue evaluation file (JSON Lines); ids must be unique so a failed turn can be found. */
export function parseDialogueCases(text: string, source: string): Array<NumberedLine<DialogueCase>> {
  const cases = parseJsonLines(text, DialogueCaseSchema, source);
  const seen = new Map<string, number>();
  for (const { line, value } of cases) {
    const earlier = seen.get(value.id);
    if (earlier !== undefined) {
      throw new EvalDataError(source, line, `id: "${value.id}" is already used on line ${earlier}`);
    }
    seen.set(value.id, line);
  }
  return cases;
}

/** Every procedure a dialogue case names, for checking them against the knowledge base. */
export function slugsOfDialogueCase(dialogueCase: DialogueCase): string[] {
  return dialogueCase.turns.flatMap((turn) => [...(turn.expect ? [turn.expect] : []), ...(turn.alt ?? [])]);
}
