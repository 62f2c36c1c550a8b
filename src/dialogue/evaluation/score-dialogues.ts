import { LANGS, type Lang } from '../../language.js';
import { percentile } from '../../metrics/percentile.js';
import type { TurnOutcome } from './run-dialogues.js';
import { visibleLength } from './visible-text.js';

/**
 * A turn is right when the bot's last message names the expected procedure (or an accepted
 * alternative), or, when none is expected, names none.
 */
export function isTurnRight(outcome: Pick<TurnOutcome, 'expect' | 'alt' | 'reply'>): boolean {
  const got = outcome.reply.procedure;
  if (outcome.expect === null) return got === null;
  return got === outcome.expect || (got !== null && outcome.alt.includes(got));
}

/** Median and maximum of a set of lengths; null when there were none. */
export interface LengthFigures {
  median: number | null;
  max: number | null;
}

export interface DialogueSummary {
  conversations: number;
  turns: number;
  /** Shares of right turns (0..1); null when there was no such turn. */
  turnAccuracy: number | null;
  firstTurn: number | null;
  followUp: number | null;
  byLang: Record<Lang, number | null>;
  /** 95th percentile (nearest rank) of one turn's handling time. */
  p95Ms: number;
  /** Visible characters of answered turns (status `answered`): first turns, follow-ups. */
  chars: { first: LengthFigures; followUp: LengthFigures };
}

export function summariseDialogues(outcomes: TurnOutcome[]): DialogueSummary {
  const firstTurns = outcomes.filter((outcome) => outcome.index === 0);
  const followUps = outcomes.filter((outcome) => outcome.index > 0);
  const byLang = Object.fromEntries(
    LANGS.map((lang) => [lang, accuracy(outcomes.filter((outcome) => outcome.lang === lang))]),
  ) as Record<Lang, number | null>;
  return {
    conversations: new Set(outcomes.map((outcome) => outcome.caseId)).size,
    turns: outcomes.length,
    turnAccuracy: accuracy(outcomes),
    firstTurn: accuracy(firstTurns),
    followUp: accuracy(followUps),
    byLang,
    p95Ms: percentile(
      outcomes.map((outcome) => outcome.tookMs).sort((a, b) => a - b),
      95,
    ),
    chars: { first: answerLengths(firstTurns), followUp: answerLengths(followUps) },
  };
}

function accuracy(outcomes: TurnOutcome[]): number | null {
  if (outcomes.length === 0) return null;
  return outcomes.filter(isTurnRight).length / outcomes.length;
}

function answerLengths(outcomes: TurnOutcome[]): LengthFigures {
  const lengths = outcomes
    .filter((outcome) => outcome.reply.status === 'answered' && outcome.reply.message !== null)
    .map((outcome) => visibleLength(outcome.reply.message!))
    .sort((a, b) => a - b);
  if (lengths.length === 0) return { median: null, max: null };
  return { median: percentile(lengths, 50), max: lengths.at(-1)! };
}
