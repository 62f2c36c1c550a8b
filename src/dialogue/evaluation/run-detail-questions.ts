import type { DetailQuestion } from './detail-questions.js';
import type { EvaluationService } from './evaluation-service.js';
import { observeReply, type ObservedReply } from './observed-reply.js';

/** A detail question and what the bot answered to it. */
export interface AnswerOutcome {
  question: DetailQuestion;
  reply: ObservedReply;
}

/** Asks every question as the first message of a fresh conversation, one at a time. */
export async function runDetailQuestions(
  service: EvaluationService,
  questions: DetailQuestion[],
): Promise<AnswerOutcome[]> {
  const outcomes: AnswerOutcome[] = [];
  for (const question of questions) {
    const conversationId = await service.startConversation(question.lang);
    const result = await service.say(conversationId, question.q);
    outcomes.push({ question, reply: observeReply(result) });
  }
  return outcomes;
}
