import { pick } from '../../language.js';
import { REPLIES } from '../canned-replies.js';
import { procedureAction } from '../citizen-action.js';
import type { TurnContext } from './turn-context.js';

/**
 * Asks which of two or three procedures the citizen means, as quick replies and as a numbered list (so
 * "2" or "the second" works where quick replies are not shown). The facets asked for are kept, so the
 * choice is answered with them.
 */
export function askWhichOne(
  context: TurnContext,
  options: Array<{ slug: string; confidence: number | null }>,
): void {
  const titles = options.map(
    (option) => pick(context.services.knowledge.procedure(option.slug)!.title, context.lang).text,
  );
  context.state.pending = { options, facets: context.facets };
  context.finish({
    status: 'clarification_asked',
    reply: {
      text: [REPLIES.clarify[context.lang], ...titles.map((title, index) => `${index + 1}. ${title}`)].join(
        '\n',
      ),
      suggestions: options.map((option, index) => ({
        label: titles[index],
        value: procedureAction(option.slug),
      })),
    },
    detail: { options: options.map((option) => option.slug) },
  });
}
