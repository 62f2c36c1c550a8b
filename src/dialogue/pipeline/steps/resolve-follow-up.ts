import { REPLIES } from '../../canned-replies.js';
import { readAction } from '../../citizen-action.js';
import type { DialogueState } from '../../dialogue-state.js';
import { readFacets } from '../../facets.js';
import { parseChoice, type ChoiceOption } from '../../parse-choice.js';
import { askWhichOne } from '../ask-which-one.js';
import { step } from '../run-pipeline.js';
import { cuesOf, type TurnContext } from '../turn-context.js';

/**
 * Works out what the message refers to before searching: a quick-reply click, a typed choice after
 * "which one?", or the facets it asks about. Whether a follow-up stays on the procedure in focus or
 * names a new one is decided after the search, on the evidence (understand.ts).
 */
export const resolveFollowUp = step('resolveFollowUp', (context) => {
  const { text, action } = context.input;
  const pending = context.previous.pending;

  if (action) {
    const parsed = readAction(action);
    if (parsed.kind === 'handoff_request') {
      context.finish({
        status: 'handoff_requested',
        effect: {
          kind: 'request_handoff',
          reason: context.previous.offer?.reason ?? 'citizen_request',
          question: context.previous.lastQuestion ?? REPLIES.actionHandoffRequest[context.lang],
        },
        detail: { action },
      });
    } else if (parsed.kind === 'handoff_cancel') {
      context.finish({ status: 'handoff_cancelled', effect: { kind: 'cancel_handoff' }, detail: { action } });
    } else if (parsed.kind === 'procedure' && context.services.knowledge.procedure(parsed.slug)) {
      const offered = pending?.options.find((option) => option.slug === parsed.slug);
      context.procedure = {
        slug: parsed.slug,
        confidence: offered?.confidence ?? null,
        via: offered ? 'clarification' : 'action',
      };
      context.facets = offered ? pending!.facets : [];
    } else if (parsed.kind === 'facet' && context.services.knowledge.procedure(parsed.slug)) {
      context.procedure = { slug: parsed.slug, confidence: null, via: 'action' };
      context.facets = [parsed.facet];
    }
    // Anything else (an unknown procedure) finds nothing to answer and is declined.
    return;
  }
  if (!text) return;

  const reading = readFacets(text);
  context.facets = reading.facets;
  const cues = cuesOf(context, text);
  if (cues.correction && context.previous.focus) {
    // "nu, mă referam la …": the search looks at what is named, not at the words of the correction.
    context.searchText = cues.content.join(' ');
  }
  if (pending) {
    const index = parseChoice(text, choiceOptions(context, pending));
    if (index !== undefined) {
      const chosen = pending.options[index];
      context.procedure = { slug: chosen.slug, confidence: chosen.confidence, via: 'clarification' };
      context.facets = [...new Set([...pending.facets, ...reading.facets])];
      return;
    }
    if (reading.facets.length > 0 && reading.topic.length === 0) {
      // "unde depun?" before choosing: still "which one?", now remembering the facet asked for.
      context.facets = [...new Set([...pending.facets, ...reading.facets])];
      askWhichOne(context, pending.options);
      return;
    }
  }
  if (reading.facets.length === 0 || context.searchText !== undefined) return;
  if (context.previous.focus && context.services.knowledge.procedure(context.previous.focus.slug)) {
    // Whether "și cât costă pașaportul?" stays or switches is the conversation step's decision; the
    // search looks only at the words beside the facet ("pașaportul"), and at nothing when there are none.
    context.searchText = reading.topic.join(' ');
  } else if (reading.topic.length === 0) {
    // "cât costă?" with nothing talked about yet: a search of it alone would only guess. Nothing is
    // searched; recallUnanswered reads it with the citizen's unanswered messages, or asks what it is about.
    context.state.lastQuestion = text;
    context.searchText = '';
  }
});

/** The offered procedures under every name a citizen might type (titles in all languages, keywords). */
export function choiceOptions(
  context: TurnContext,
  pending: NonNullable<DialogueState['pending']>,
): ChoiceOption[] {
  return pending.options.map(({ slug }) => {
    const procedure = context.services.knowledge.procedure(slug);
    if (!procedure) return { names: [] };
    return {
      names: [procedure.title.ro, procedure.title.en, procedure.title.hu, ...procedure.keywords],
    };
  });
}
