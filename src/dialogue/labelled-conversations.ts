import { z } from 'zod';
import { LangSchema } from '../language.js';

/**
 * Hand-labelled conversations (test/fixtures/conversations-*.jsonl) for fitting and calibrating the
 * dialogue engine's decisions. One conversation per line; each turn says which procedure the bot's answer
 * should be about (`expect`, null when the right reply names none) and what kind of turn it is, so the
 * fitting code can learn follow-ups, switches and corrections rather than single questions.
 */

/** The role a turn plays in the conversation (see test/fixtures/README.md). */
export const TURN_KINDS = [
  'first', // the first question of the conversation (possibly after a bare greeting)
  'follow-up', // about the procedure in focus ("și cât costă?")
  'switch', // to another procedure, or to an ambiguous word that needs "which one?"
  'correction', // "no, I meant …": replaces the procedure in focus
  'choice', // the answer to a "which one?" clarification
  'social', // greeting, thanks, goodbye, frustration, asking for a person
  'out-of-scope', // nothing the city hall's procedures answer
] as const;
export type TurnKind = (typeof TURN_KINDS)[number];

/** What a procedure turn asks about; `place` covers address, opening hours and contact details. */
export const PROCEDURE_FACETS = [
  'documents',
  'fees',
  'place',
  'deadline',
  'validity',
  'online',
  'who',
  'case',
  'steps',
] as const;
/** What a social turn does. */
export const SOCIAL_FACETS = ['greeting', 'thanks', 'goodbye', 'frustration', 'person'] as const;
/** `ask`: an ambiguous word ("autorizație", "igazolás") whose right reply is "which one?". */
export const TURN_FACETS = [...PROCEDURE_FACETS, 'ask', ...SOCIAL_FACETS] as const;
export type TurnFacet = (typeof TURN_FACETS)[number];

const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'not a procedure slug');

export const LabelledTurnSchema = z
  .object({
    text: z.string().regex(/\S/, 'empty text'),
    expect: SlugSchema.nullable(),
    alt: z.array(SlugSchema).min(1).optional(),
    facet: z.enum(TURN_FACETS).optional(),
    kind: z.enum(TURN_KINDS),
  })
  .strict()
  .superRefine((turn, context) => {
    for (const problem of turnProblems(turn)) context.addIssue({ code: 'custom', message: problem });
  });
export type LabelledTurn = z.infer<typeof LabelledTurnSchema>;

export const LabelledConversationSchema = z
  .object({
    id: z.string().regex(/^(?:fit|holdout)-(?:ro|en|hu)-\d{3}$/, 'id must look like fit-ro-001'),
    lang: LangSchema,
    turns: z.array(LabelledTurnSchema).min(3).max(6),
  })
  .strict()
  .superRefine((conversation, context) => {
    if (conversation.id.split('-')[1] !== conversation.lang) {
      context.addIssue({
        code: 'custom',
        path: ['id'],
        message: `id does not name lang ${conversation.lang}`,
      });
    }
    for (const { index, message } of focusProblems(conversation.turns)) {
      context.addIssue({ code: 'custom', path: ['turns', index], message });
    }
  });
export type LabelledConversation = z.infer<typeof LabelledConversationSchema>;

const isProcedureFacet = (facet: TurnFacet | undefined): boolean =>
  (PROCEDURE_FACETS as readonly string[]).includes(facet ?? '');
const isSocialFacet = (facet: TurnFacet | undefined): boolean =>
  (SOCIAL_FACETS as readonly string[]).includes(facet ?? '');

/** Labels that contradict each other within one turn. */
function turnProblems(turn: {
  expect: string | null;
  alt?: string[];
  facet?: TurnFacet;
  kind: TurnKind;
}): string[] {
  const problems: string[] = [];
  const { expect, alt, facet, kind } = turn;
  if (alt && expect === null) problems.push('alt without expect');
  if (alt && expect !== null && alt.includes(expect)) problems.push('alt repeats expect');
  if (alt && new Set(alt).size !== alt.length) problems.push('alt lists a slug twice');
  if (facet === 'ask' && expect !== null) problems.push('a "which one?" turn (facet ask) expects null');
  if (isProcedureFacet(facet) && expect === null) problems.push(`facet ${facet} needs a procedure in expect`);
  if ((kind === 'social') !== isSocialFacet(facet))
    problems.push('social turns, and only they, have a social facet');
  if ((kind === 'social' || kind === 'out-of-scope') && expect !== null)
    problems.push(`a ${kind} turn expects null`);
  if (kind === 'out-of-scope' && facet !== undefined) problems.push('an out-of-scope turn has no facet');
  if ((kind === 'first' || kind === 'switch') && expect === null && facet !== 'ask') {
    problems.push(`a ${kind} turn names a procedure or is an ambiguous word (facet ask)`);
  }
  if ((kind === 'follow-up' || kind === 'correction' || kind === 'choice') && expect === null) {
    problems.push(`a ${kind} turn names the procedure it leads to`);
  }
  return problems;
}

/**
 * Kinds that must agree with the procedure in focus: the last procedure a turn expected. A follow-up keeps
 * it, a switch or correction changes it, a first question comes before any, a choice answers an `ask`.
 */
function focusProblems(turns: readonly LabelledTurn[]): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = [];
  let focus: string | null = null;
  turns.forEach((turn, index) => {
    const previous = turns[index - 1];
    const report = (message: string) => problems.push({ index, message });
    if (turn.kind === 'first' && focus !== null) report('a first question after a procedure was in focus');
    if (turn.kind === 'follow-up' && turn.expect !== focus)
      report(`a follow-up must stay on ${focus ?? 'a focus'}`);
    if ((turn.kind === 'switch' || turn.kind === 'correction') && focus === null)
      report(`a ${turn.kind} needs a focus`);
    if (
      (turn.kind === 'switch' || turn.kind === 'correction') &&
      turn.expect !== null &&
      turn.expect === focus
    ) {
      report(`a ${turn.kind} must leave ${focus}`);
    }
    if (turn.kind === 'choice' && previous?.facet !== 'ask')
      report('a choice must answer a "which one?" turn');
    if (turn.expect !== null) focus = turn.expect;
  });
  return problems;
}

/** Parses JSON Lines; every bad line is reported with its number. Blank lines are skipped. */
export function parseLabelledConversations(
  text: string,
  source = 'conversations',
): { conversations: LabelledConversation[]; problems: string[] } {
  const conversations: LabelledConversation[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source}:${index + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON`);
      return;
    }
    const result = LabelledConversationSchema.safeParse(data);
    if (result.success) conversations.push(result.data);
    else {
      for (const issue of result.error.issues) {
        problems.push(`${where}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
      }
    }
  });
  return { conversations, problems };
}
