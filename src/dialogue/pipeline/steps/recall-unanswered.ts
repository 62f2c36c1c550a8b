import { REPLIES } from '../../canned-replies.js';
import type { RetrievalResult } from '../../../knowledge/retrieval-contract.js';
import type { DialogueState } from '../../dialogue-state.js';
import { isMiss, type TurnStatus } from '../../turn-status.js';
import { step } from '../run-pipeline.js';
import { cuesOf, type TurnContext } from '../turn-context.js';

/**
 * A clerk reads a conversation's first messages together: "fetița mea s-a născut acum cinci zile" (no
 * question yet) and then "am nevoie de certificatul ei, unde merg?" are one request. While the
 * conversation has no topic, a message that retrieval cannot answer alone (declined, too unsure, or
 * ambiguous) is searched once more together with the citizen's latest unanswered messages
 * (knowledge-base/conversation.yaml `recall.messages`), the newest last. The pooled search is accepted
 * only on the terms of a first question (retrieval answers it, at the dialogue's minimum confidence, and
 * it is not ambiguous), so chatter followed by a bare "how much?" is still declined. A bare facet
 * question with nothing to pool with, or whose pooled search finds nothing, is asked about ("about
 * what?"), as before.
 */
export const recallUnanswered = step('recallUnanswered', async (context) => {
  if (context.procedure || !context.input.text) return;
  // "No, that's not what I meant, …" takes the earlier messages back: it is read alone.
  const takesBack = cuesOf(context, context.input.text).correction;
  const recalled = takesBack
    ? []
    : recallable(context.previous, context.services.conversation.recall.messages);
  const bare = context.searchText === '';
  if (recalled.length > 0) {
    const question = pooledQuestion(
      recalled,
      bare ? context.input.text : (context.searchText ?? context.input.text),
    );
    const pooled = await context.services.retrieval.search(question, {
      lang: context.lang,
      limit: context.services.settings.retrievalLimit,
    });
    if (bare || preferPooled(context, context.retrieval, pooled)) {
      if (answerable(context, pooled)) {
        context.retrieval = pooled;
        context.recalled = recalled;
        return;
      }
    }
  }
  if (bare && !context.previous.focus) {
    // "cât costă?" with nothing talked about yet: a search would only guess. Ask what it is about.
    context.finish({
      status: 'clarification_asked',
      reply: { text: REPLIES.askForTopic[context.lang] },
      detail: { need: 'topic' },
    });
  }
});

/** The unanswered messages a turn may be read with: only while the conversation has no topic. */
export function recallable(previous: Readonly<DialogueState>, messages: number): string[] {
  if (messages === 0 || hasTopic(previous)) return [];
  return previous.unanswered.slice(-messages);
}

/** Whether the conversation has a topic to lean on: a procedure in focus, or one talked about. */
export function hasTopic(state: Readonly<DialogueState>): boolean {
  return state.focus !== null || state.topics.length > 0;
}

/** The earlier messages, oldest first, then the new one: one question as a clerk would read it. */
export function pooledQuestion(recalled: string[], text: string): string {
  return [...recalled, text].map((message) => message.trim()).join(' \n ');
}

/**
 * The pooled reading wins when the message alone cannot be answered, or when it finds the same procedure
 * (the earlier messages confirm it: "help him at home" after "my dad can't cope" is home care, not a
 * "which home?"). A message that stands on its own for another procedure is answered from its own search.
 */
function preferPooled(
  context: TurnContext,
  alone: RetrievalResult | undefined,
  pooled: RetrievalResult,
): boolean {
  if (!answerable(context, alone)) return true;
  const [own, read] = [top(alone!), top(pooled)];
  return !!read && read.slug === own?.slug;
}

function top(result: RetrievalResult): { slug: string; confidence: number } | undefined {
  return result.declined ? undefined : result.procedures[0];
}

function answerable(context: TurnContext, result: RetrievalResult | undefined): boolean {
  if (!result || result.declined || result.ambiguous) return false;
  const best = result.procedures.find((found) => context.services.knowledge.procedure(found.slug));
  return (best?.confidence ?? 0) >= context.services.settings.minAnswerConfidence;
}

/**
 * The unanswered messages to keep after a turn: a message that got no procedure (declined, or "which
 * one?") is added while the conversation has no topic; an answer empties the list. Other turns (a
 * greeting, thanks, a handoff) leave it as it was.
 */
export function nextUnanswered(
  previous: readonly string[],
  text: string | null,
  status: TurnStatus,
  hasTopic: boolean,
  keep: number,
): string[] {
  if (status === 'answered' || hasTopic) return [];
  if (!text || !(isMiss(status) || status === 'clarification_asked')) return [...previous];
  return keep === 0 ? [] : [...previous, text].slice(-keep);
}
