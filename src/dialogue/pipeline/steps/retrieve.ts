import { withoutDetailCues } from '../../../knowledge/passages/detail-cues.js';
import { passageConfig } from '../../../knowledge/passages/passage-config.js';
import type { RetrievalResult } from '../../../knowledge/retrieval-contract.js';
import { step } from '../run-pipeline.js';

/**
 * Searches the knowledge base when the message did not already settle the procedure. A question the
 * retriever declines, or finds below the confidence to answer, is searched once more without its
 * detail words ("how recent", "hány példány", "prin poștă"): they ask about a procedure without naming
 * one. A question about something else stays declined: its other words still match no procedure.
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
  if (!context.retrieval.declined && topConfidence(context.retrieval) >= minConfidence) return;
  const withoutDetails = withoutDetailCues(question, passageConfig());
  if (!withoutDetails) return;
  const retried = await context.services.retrieval.search(withoutDetails, options);
  if (!retried.declined && topConfidence(retried) > topConfidence(context.retrieval)) {
    context.retrieval = retried;
  }
});

function topConfidence(result: RetrievalResult): number {
  return result.declined ? 0 : (result.procedures[0]?.confidence ?? 0);
}
