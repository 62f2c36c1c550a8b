import { z } from 'zod';
import { LangSchema, LANGS, type Lang } from '../../language.js';
import { HANDOFF_REQUEST_ACTION } from '../citizen-action.js';
import type { TurnResult } from '../dialogue-contract.js';
import { MAX_TEXT_LENGTH } from '../dialogue-service.js';
import type { Intent } from '../intents/index.js';
import { EvalDataError } from './eval-data-error.js';
import type { EvaluationService } from './evaluation-service.js';
import { parseJsonLines, type NumberedLine } from './parse-json-lines.js';
import { ProcedureSlugSchema } from './procedure-slug.js';
import { round } from './round.js';

/**
 * What the reply to a social turn must be (test/fixtures/social-turns.jsonl, see its README entry):
 * - `greeting`, `thanks`, `goodbye`, `abuse`: that intent's own reply, in the citizen's language;
 * - `frustration`: the complaint reply (acknowledge, apologise) in the citizen's language, with the clerk
 *   offered as a quick reply;
 * - `person`: the handoff is requested;
 * - `answer`: the message also asks a question ("bună ziua, cât costă buletinul?"): the procedure answered;
 * - `decline`: out of scope: declined, with the clerk offered.
 */
export const SOCIAL_EXPECTATIONS = [
  'greeting',
  'thanks',
  'goodbye',
  'abuse',
  'frustration',
  'person',
  'answer',
  'decline',
] as const;
export type SocialExpectation = (typeof SOCIAL_EXPECTATIONS)[number];

export const SocialTurnSchema = z
  .object({
    id: z.string().trim().min(1),
    /** `fit`: may be looked at while changing intents; `holdout`: only measured. */
    split: z.enum(['fit', 'holdout']),
    lang: LangSchema,
    /** Messages said first in the same conversation (not scored): the context of the social turn. */
    before: z.array(z.string().trim().min(1).max(MAX_TEXT_LENGTH)).optional(),
    text: z.string().trim().min(1).max(MAX_TEXT_LENGTH),
    expect: z.enum(SOCIAL_EXPECTATIONS),
    procedure: ProcedureSlugSchema.optional(),
    alt: z.array(ProcedureSlugSchema).optional(),
  })
  .strict()
  .refine((turn) => (turn.expect === 'answer') === (turn.procedure !== undefined), {
    message: 'procedure is given exactly when expect is "answer"',
    path: ['procedure'],
  });
export type SocialTurn = z.infer<typeof SocialTurnSchema>;

export function parseSocialTurns(text: string, source: string): Array<NumberedLine<SocialTurn>> {
  const turns = parseJsonLines(text, SocialTurnSchema, source);
  const seen = new Set<string>();
  for (const { line, value } of turns) {
    if (seen.has(value.id)) throw new EvalDataError(source, line, `id: "${value.id}" is already used`);
    seen.add(value.id);
  }
  return turns;
}

export function slugsOfSocialTurn(turn: SocialTurn): string[] {
  return [...(turn.procedure ? [turn.procedure] : []), ...(turn.alt ?? [])];
}

/** What the bot did with the scored message. */
export interface SocialOutcome {
  turn: SocialTurn;
  status: string | null;
  procedure: string | null;
  /** The intent whose reply (in the citizen's language) the bot gave, if any. */
  repliedIntent: string | null;
  clerkOffered: boolean;
  right: boolean;
}

/** Plays each line in a fresh conversation: the `before` messages, then the scored one. */
export async function runSocialTurns(
  service: EvaluationService,
  intents: Intent[],
  turns: SocialTurn[],
): Promise<SocialOutcome[]> {
  const outcomes: SocialOutcome[] = [];
  for (const turn of turns) {
    const conversationId = await service.startConversation(turn.lang);
    for (const text of turn.before ?? []) await service.say(conversationId, text);
    outcomes.push(observe(turn, await service.say(conversationId, turn.text), intents));
  }
  return outcomes;
}

function observe(turn: SocialTurn, result: TurnResult, intents: Intent[]): SocialOutcome {
  const last = result.messages.filter((message) => message.from === 'bot').at(-1);
  const status = result.status ?? null;
  const procedure = last?.procedure ?? null;
  // The reply must be the intent's reply in the citizen's language, not in another one.
  const repliedIntent =
    (last && intents.find((intent) => intent.responses[turn.lang].includes(last.text))?.name) ?? null;
  const clerkOffered = (last?.suggestions ?? []).some((s) => s.value === HANDOFF_REQUEST_ACTION);
  const outcome = { turn, status, procedure, repliedIntent, clerkOffered };
  return { ...outcome, right: isRight(outcome) };
}

function isRight(outcome: Omit<SocialOutcome, 'right'>): boolean {
  const { turn, status, procedure, repliedIntent, clerkOffered } = outcome;
  switch (turn.expect) {
    case 'answer':
      return procedure !== null && [turn.procedure, ...(turn.alt ?? [])].includes(procedure);
    case 'person':
      return status === 'handoff_requested';
    case 'decline':
      return procedure === null && (status ?? '').startsWith('declined') && clerkOffered;
    case 'frustration':
      return procedure === null && repliedIntent === 'complaint' && clerkOffered;
    default:
      return procedure === null && repliedIntent === turn.expect;
  }
}

export interface SocialSummary {
  lines: number;
  accuracy: number;
  bySplit: Record<string, number>;
  byExpect: Record<string, number>;
  byLang: Record<Lang, number>;
}

export function summariseSocialTurns(outcomes: SocialOutcome[]): SocialSummary {
  const share = (selected: SocialOutcome[]) =>
    selected.length === 0 ? 0 : round(selected.filter((o) => o.right).length / selected.length, 4);
  const by = (key: (o: SocialOutcome) => string, values: readonly string[]) =>
    Object.fromEntries(values.map((value) => [value, share(outcomes.filter((o) => key(o) === value))]));
  return {
    lines: outcomes.length,
    accuracy: share(outcomes),
    bySplit: by((o) => o.turn.split, ['fit', 'holdout']),
    byExpect: by(
      (o) => o.turn.expect,
      SOCIAL_EXPECTATIONS.filter((expect) => outcomes.some((o) => o.turn.expect === expect)),
    ),
    byLang: by((o) => o.turn.lang, LANGS) as Record<Lang, number>,
  };
}

export function socialMissLines(outcomes: SocialOutcome[]): string[] {
  return outcomes
    .filter((outcome) => !outcome.right)
    .map(
      ({ turn, status, procedure, repliedIntent, clerkOffered }) =>
        `miss ${turn.id} [${turn.lang}] "${turn.text}": expected ${turn.expect}` +
        `${turn.procedure ? ` ${turn.procedure}` : ''}, got ${status ?? '(none)'}` +
        `${procedure ? ` ${procedure}` : ''}${repliedIntent ? ` intent=${repliedIntent}` : ''}` +
        `${clerkOffered ? ' +clerk' : ''}`,
    );
}
