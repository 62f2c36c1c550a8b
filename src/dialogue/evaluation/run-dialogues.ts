import type { Lang } from '../../language.js';
import type { DialogueCase } from './dialogue-cases.js';
import type { EvaluationService } from './evaluation-service.js';
import { observeReply, type ObservedReply } from './observed-reply.js';

/** One turn of one evaluated conversation: what was said, what was expected, what the bot did. */
export interface TurnOutcome {
  /** The conversation's id in the evaluation file. */
  caseId: string;
  lang: Lang;
  /** 0-based position in the conversation (0 = the first message). */
  index: number;
  text: string;
  expect: string | null;
  alt: string[];
  reply: ObservedReply;
  /** Time the dialogue engine took for this turn (storing included), in milliseconds. */
  tookMs: number;
}

/**
 * Plays every conversation from a fresh start, one turn after the other and one conversation at a time
 * (as one citizen would), and records what the bot answered to each turn.
 */
export async function runDialogues(
  service: EvaluationService,
  cases: DialogueCase[],
): Promise<TurnOutcome[]> {
  const outcomes: TurnOutcome[] = [];
  for (const dialogueCase of cases) {
    const conversationId = await service.startConversation(dialogueCase.lang);
    for (const [index, turn] of dialogueCase.turns.entries()) {
      const started = performance.now();
      const result = await service.say(conversationId, turn.text);
      const tookMs = performance.now() - started;
      outcomes.push({
        caseId: dialogueCase.id,
        lang: dialogueCase.lang,
        index,
        text: turn.text,
        expect: turn.expect,
        alt: turn.alt ?? [],
        reply: observeReply(result),
        tookMs,
      });
    }
  }
  return outcomes;
}
