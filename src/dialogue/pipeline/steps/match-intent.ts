import { pick } from '../../../language.js';
import { REPLIES } from '../../canned-replies.js';
import { HANDOFF_REQUEST_ACTION } from '../../citizen-action.js';
import type { Intent } from '../../intents/index.js';
import { parseChoice } from '../../parse-choice.js';
import { step } from '../run-pipeline.js';
import type { TurnContext } from '../turn-context.js';
import { choiceOptions } from './resolve-follow-up.js';

/**
 * Conversational moves before procedure search: greetings, thanks, asking for a clerk, yes/no to an
 * offer. A message that is also a question ("bună ziua, cum îmi fac buletinul?") goes on to be answered
 * as a question; only a request for a clerk outweighs the question in it.
 */
export const matchIntent = step('matchIntent', (context) => {
  const text = context.input.text;
  if (!text) return;
  // "primul" or "urbanism" right after "which one?" is a choice, whatever an intent might make of it.
  const pending = context.previous.pending;
  if (pending && parseChoice(text, choiceOptions(context, pending)) !== undefined) return;

  const { matcher, byName } = context.services.intents;
  const match = matcher.match(text, context.lang);
  const intent = match && byName.get(match.intent);
  if (!match || !intent) return;
  context.intent = match;
  const offer = context.previous.offer;
  const lastQuestion = context.previous.lastQuestion;

  if (intent.name === 'human-handoff' && (match.standalone || intent.matching.overridesQuestion)) {
    context.finish({
      status: 'handoff_requested',
      effect: {
        kind: 'request_handoff',
        reason: offer?.reason ?? 'citizen_request',
        // The clerk's summary gets the question that led here as well as the request itself.
        question: lastQuestion && lastQuestion !== text ? `${lastQuestion} — ${text}` : text,
      },
      detail: { intent: intent.name },
    });
    return;
  }
  if (!match.standalone) {
    // "Mersi! și unde se depun?", "szia, hol lehet…": the later steps read the question alone. Left in,
    // "mersi" or "great" is taken for a topic word and hides that the message continues the topic.
    // The citizen's message is stored from the original text, not from this.
    if (match.question) context.input.text = match.question;
    // A message that asks something is a question, whatever thanks or greeting comes with it: the
    // conversation step must not answer it as the intent (it does so for social words beside no question).
    if (match.asksQuestion) context.intent = undefined;
    return;
  }
  if (intent.name === 'affirm' && offer) {
    context.finish({
      status: 'handoff_requested',
      effect: { kind: 'request_handoff', reason: offer.reason, question: lastQuestion ?? text },
      detail: { intent: intent.name },
    });
    return;
  }
  replyWithIntent(context, intent);
});

/** Answers the message as the intent (a greeting, thanks, a complaint…); some offer a clerk first. */
export function replyWithIntent(context: TurnContext, intent: Intent): void {
  const suggestions = intent.offersClerk
    ? [{ label: REPLIES.offerClerkLabel[context.lang], value: HANDOFF_REQUEST_ACTION }]
    : [];
  if (intent.offersClerk) context.state.offer = { reason: 'negative_feedback' };
  context.understanding = { ...context.understanding, move: 'not_a_procedure', intent: intent.name };
  context.finish({
    status: 'intent_reply',
    reply: { text: intentReply(intent, context), suggestions },
    detail: { intent: intent.name, ...(intent.offersClerk ? { clerkOffered: true } : {}) },
  });
}

/** One of the intent's reply variants, varied by turn so a repeated greeting does not sound canned. */
function intentReply(intent: Intent, context: TurnContext): string {
  const variants = pick(intent.responses, context.lang).text;
  return variants[context.conversation.nextSeq % variants.length];
}
