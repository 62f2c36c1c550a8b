import type { TurnOutcome } from './run-dialogues.js';
import { isTurnRight, type DialogueSummary } from './score-dialogues.js';
import { round, roundOrNull } from './round.js';

/** One line per failed turn: conversation id, turn index, text, expected, got, the turn's status. */
export function dialogueMissLines(outcomes: TurnOutcome[]): string[] {
  return outcomes
    .filter((outcome) => !isTurnRight(outcome))
    .map((outcome) => {
      const expected = outcome.expect === null ? '(none)' : [outcome.expect, ...outcome.alt].join('|');
      return (
        `miss ${outcome.caseId} turn ${outcome.index} [${outcome.lang}] ${JSON.stringify(outcome.text)}: ` +
        `expected ${expected}, got ${outcome.reply.procedure ?? '(none)'} (${outcome.reply.status ?? 'no status'})`
      );
    });
}

/** The summary as the command's last line prints it: shares to 4 decimals, milliseconds to 0.1. */
export function dialogueSummaryLine(summary: DialogueSummary): string {
  return JSON.stringify({
    conversations: summary.conversations,
    turns: summary.turns,
    turnAccuracy: roundOrNull(summary.turnAccuracy, 4),
    firstTurn: roundOrNull(summary.firstTurn, 4),
    followUp: roundOrNull(summary.followUp, 4),
    byLang: {
      ro: roundOrNull(summary.byLang.ro, 4),
      en: roundOrNull(summary.byLang.en, 4),
      hu: roundOrNull(summary.byLang.hu, 4),
    },
    p95Ms: round(summary.p95Ms, 1),
    chars: summary.chars,
  });
}
