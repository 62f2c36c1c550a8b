import { step } from '../run-pipeline.js';

/** Searches the knowledge base when the message did not already settle the procedure. */
export const retrieve = step('retrieve', async (context) => {
  if (context.procedure) return;
  const text = context.input.text;
  if (!text) return;
  context.state.lastQuestion = text;
  // A bare follow-up ("și cât costă?"): no words to search with.
  if (context.searchText === '') return;
  context.retrieval = await context.services.retrieval.search(context.searchText ?? text, {
    lang: context.lang,
    limit: context.services.settings.retrievalLimit,
  });
});
