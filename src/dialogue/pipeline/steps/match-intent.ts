import { pick } from '../../../language.js';
import { REPLIES } from '../../canned-replies.js';
import { HANDOFF_REQUEST_ACTION } from '../../citizen-action.js';
import type { Intent, IntentMatch } from '../../intents/index.js';
import { readFacets, type Facet } from '../../facets.js';
import { ProcedureWordIndex } from '../../understanding/procedure-word-index.js';
import { parseChoice } from '../../parse-choice.js';
import { step } from '../run-pipeline.js';
import { cuesOf, type TurnContext } from '../turn-context.js';
import { choiceOptions } from './resolve-follow-up.js';

/**
 * Conversational moves before procedure search: greetings, thanks, asking for a clerk, yes/no to an
 * offer. A message that is also a question ("bună ziua, cum îmi fac buletinul?") goes on to be answered
 * as a question; only a request for a clerk outweighs the question in it.
 */
export const matchIntent = step('matchIntent', async (context) => {
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
  if (intent.outOfScope && (match.standalone || !asksAboutAProcedure(match.unexplained))) {
    if (!(await retrievalIsSure(context, intent.matching.yieldsToRetrieval))) {
      declineAsIntent(context, intent);
      return;
    }
    // Asked in an everyday frame, but a procedure's own words: the later steps answer it.
    context.intent = undefined;
    return;
  }
  if (!match.standalone && intent.social && !intent.offersClerk && thanksBesideNothing(context, match)) {
    replyWithIntent(context, intent);
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
  // "E o bătaie de joc, eu plătisem parcarea!" mid-conversation: a complaint with words of its own may be
  // a grievance about the topic (a fine, a towed car) rather than about the chat; the conversation step
  // decides (understand.ts `isSocialAside`), and answers with the intent itself when it is not.
  if (intent.social && intent.offersClerk && match.score < 1 && context.previous.topics.length > 0) return;
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

/**
 * Inside a frame the City Hall does not handle ("can you recommend …", "cine a câștigat …"), a place
 * or a price is part of what is wanted ("a vet near Mărăști", "o firmă ieftină"), but a document,
 * a fee, a deadline or an online step is asked of a procedure ("știți vreo variantă să plătesc
 * online?"): then the message goes on as a question.
 */
const OBJECT_FACETS: ReadonlySet<Facet> = new Set<Facet>(['where', 'fees']);
function asksAboutAProcedure(unexplained: string[]): boolean {
  return readFacets(unexplained.join(' ')).facets.some((facet) => !OBJECT_FACETS.has(facet));
}

/** Whether retrieval, for the message alone, is at least `minConfidence` sure of one procedure. */
async function retrievalIsSure(context: TurnContext, minConfidence: number | undefined): Promise<boolean> {
  if (minConfidence === undefined || !context.input.text) return false;
  const result = await context.services.retrieval.search(context.input.text, { lang: context.lang });
  return !result.declined && (result.procedures[0]?.confidence ?? 0) >= minConfidence;
}

/**
 * Thanks or praise that asks nothing ("mersi fain, ești mai tare ca ghișeul", "nice one, ta"): no "?",
 * no question word, and none of the other words is one a procedure is named with (its titles or
 * keywords, measured on the knowledge base), so nothing is there to search. A place word said in praise
 * ("ghișeul") does not make it a question; "mersi de ajutor" still goes on ("ajutor" names aids).
 */
function thanksBesideNothing(context: TurnContext, match: IntentMatch): boolean {
  if (match.asksQuestion || /\?\s*$/u.test(context.input.text ?? '')) return false;
  const words = cuesOf(context, match.unexplained.join(' ')).content;
  const index = ProcedureWordIndex.of(context.services.knowledge);
  return index.labelledBy(words, context.lang).length === 0;
}

/**
 * Declines a request the City Hall does not handle with the intent's own reply (what is not handled,
 * what is), the clerk offered, as any out-of-scope question: a procedure word inside the frame is not
 * searched. The conversation's topics stay, so the next follow-up returns to them.
 */
function declineAsIntent(context: TurnContext, intent: Intent): void {
  context.state.offer = { reason: 'low_confidence' };
  context.understanding = { ...context.understanding, move: 'not_a_procedure', intent: intent.name };
  context.finish({
    status: 'declined_out_of_scope',
    reply: {
      text: intentReply(intent, context),
      suggestions: [{ label: REPLIES.offerClerkLabel[context.lang], value: HANDOFF_REQUEST_ACTION }],
      confidence: null,
    },
    detail: { intent: intent.name, clerkOffered: true },
  });
}

/** One of the intent's reply variants, varied by turn so a repeated greeting does not sound canned. */
function intentReply(intent: Intent, context: TurnContext): string {
  const variants = pick(intent.responses, context.lang).text;
  return variants[context.conversation.nextSeq % variants.length];
}
