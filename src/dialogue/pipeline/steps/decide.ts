import { REPLIES } from '../../canned-replies.js';
import { HANDOFF_REQUEST_ACTION } from '../../citizen-action.js';
import { askWhichOne } from '../ask-which-one.js';
import { step } from '../run-pipeline.js';
import type { TurnContext } from '../turn-context.js';

/**
 * Answer, ask which one, or decline. Declining is a normal outcome: "I don't know" plus a clerk is
 * better than a confident answer about the wrong procedure.
 */
export const decide = step('decide', (context) => {
  if (!context.procedure) {
    const result = context.retrieval;
    const candidates = (result?.procedures ?? []).filter((found) =>
      context.services.knowledge.procedure(found.slug),
    );
    if (!result || result.declined || candidates.length === 0)
      return decline(context, 'declined_out_of_scope');
    const focus = context.previous.focus;
    if (result.ambiguous && candidates.length >= 2) {
      // "cât costă certificatul?" while talking about one of the candidates: that one.
      const focused =
        focus && context.facets.length > 0 && candidates.find((found) => found.slug === focus.slug);
      if (!focused) {
        const options = candidates.slice(0, context.services.settings.maxClarificationOptions);
        return askWhichOne(
          context,
          options.map(({ slug, confidence }) => ({ slug, confidence })),
        );
      }
      context.procedure = { slug: focused.slug, confidence: focused.confidence, via: 'follow_up' };
    } else {
      const best = candidates[0];
      if (best.confidence < context.services.settings.minAnswerConfidence) {
        return decline(context, 'declined_low_confidence');
      }
      context.procedure = { slug: best.slug, confidence: best.confidence, via: 'retrieval' };
    }
  }
  context.state.focus = { slug: context.procedure.slug, confidence: context.procedure.confidence };
  context.state.misses = 0;
});

function decline(context: TurnContext, status: 'declined_out_of_scope' | 'declined_low_confidence'): void {
  const misses = context.previous.misses + 1;
  const clerkFirst = misses >= context.services.settings.missesBeforeClerkFirst;
  context.state.misses = misses;
  context.state.offer = { reason: clerkFirst ? 'repeated_misses' : 'low_confidence' };
  const text = clerkFirst
    ? REPLIES.declineRepeated[context.lang]
    : status === 'declined_out_of_scope'
      ? REPLIES.declineOutOfScope[context.lang]
      : REPLIES.declineLowConfidence[context.lang];
  const best = context.retrieval?.procedures[0];
  context.finish({
    status,
    reply: {
      text,
      suggestions: [{ label: REPLIES.offerClerkLabel[context.lang], value: HANDOFF_REQUEST_ACTION }],
      confidence: best?.confidence ?? null,
    },
    detail: { misses, clerkOfferedFirst: clerkFirst },
  });
}
