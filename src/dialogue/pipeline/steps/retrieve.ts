import { withoutDetailCues } from '../../../knowledge/passages/detail-cues.js';
import { passageConfig } from '../../../knowledge/passages/passage-config.js';
import { placeNames, withoutPlaces } from '../../../knowledge/passages/place-mentions.js';
import type { RetrievalResult } from '../../../knowledge/retrieval-contract.js';
import { step } from '../run-pipeline.js';

/**
 * Searches the knowledge base when the message did not already settle the procedure. A question the
 * retriever declines, or finds below the confidence to answer, is searched once more without its
 * detail words ("how recent", "hány példány", "prin poștă"): they ask about a procedure without naming
 * one. A question about something else stays declined: its other words still match no procedure.
 * A question that names a street of the city's offices ("can I file it at Moților 3?") is also searched
 * without it: the address is where the citizen would go, and the files that name it are not the
 * procedure asked about. What the rest of the question finds with confidence is the procedure asked.
 */
export const retrieve = step('retrieve', async (context) => {
  if (context.procedure) return;
  const text = context.input.text;
  if (!text) return;
  context.state.lastQuestion = text;
  // A bare follow-up ("și cât costă?"): no words to search with.
  if (context.searchText === '') return;
  const options = { lang: context.lang, limit: context.services.settings.retrievalLimit };
  const question = context.searchText ?? text;
  context.retrieval = await context.services.retrieval.search(question, options);
  const minConfidence = context.services.settings.minAnswerConfidence;
  const placeFree = withoutPlaces(question, placeNames(context.services.knowledge.procedures()));
  // A question naming a place is searched once without it and its detail words: that one search serves
  // both the place retry and, when it finds nothing better, the detail retry below.
  const placeFreeDetails =
    placeFree === undefined ? undefined : withoutDetailCues(placeFree, passageConfig());
  const placeRetry =
    placeFree === undefined
      ? undefined
      : await context.services.retrieval.search(placeFreeDetails ?? placeFree, options);
  if (
    placeRetry &&
    topConfidence(placeRetry) >= minConfidence &&
    topSlug(placeRetry) !== topSlug(context.retrieval)
  ) {
    context.retrieval = placeRetry;
    return;
  }
  if (!context.retrieval.declined && topConfidence(context.retrieval) >= minConfidence) return;
  const withoutDetails =
    placeFree === undefined ? withoutDetailCues(question, passageConfig()) : placeFreeDetails;
  if (!withoutDetails) return;
  const retried = placeRetry ?? (await context.services.retrieval.search(withoutDetails, options));
  if (!retried.declined && topConfidence(retried) > topConfidence(context.retrieval)) {
    context.retrieval = retried;
  }
});

function topConfidence(result: RetrievalResult): number {
  return result.declined ? 0 : (result.procedures[0]?.confidence ?? 0);
}

function topSlug(result: RetrievalResult): string | undefined {
  return result.declined ? undefined : result.procedures[0]?.slug;
}
