import type { TurnContext } from './turn-context.js';

/**
 * While a conversation waits in a clerk's queue (no clerk has claimed it yet), ANTONIA still answers a
 * question it can answer from the knowledge base, so the citizen is not left in silence for the length of
 * the queue; the clerk sees those answers in the transcript. Anything else — small talk, another request
 * for a person, a question it cannot answer, "which one?" — waits for the clerk, as before. Leaving the
 * queue stays possible. Once a clerk has the conversation, `staySilentWithClerk` keeps the bot quiet.
 */
export function quietWhileQueued(context: TurnContext): void {
  if (context.conversation.status !== 'waiting') return;
  const outcome = context.outcome!;
  if (outcome.effect?.kind === 'cancel_handoff') return;
  if (outcome.status === 'answered' && !outcome.effect && outcome.reply?.procedure) return;
  context.state = { ...context.previous, lang: context.lang };
  context.outcome = { status: 'silent_with_clerk', detail: { heldFor: 'clerk', wouldHave: outcome.status } };
}
