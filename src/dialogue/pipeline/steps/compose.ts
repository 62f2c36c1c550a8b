import { pick } from '../../../language.js';
import { passageConfig } from '../../../knowledge/passages/passage-config.js';
import { rankPassages } from '../../../knowledge/passages/rank-passages.js';
import { composeAnswer } from '../../answers/compose-answer.js';
import { composePassageAnswer } from '../../answers/compose-passage-answer.js';
import { readFacets } from '../../facets.js';
import { step } from '../run-pipeline.js';
import type { TurnContext } from '../turn-context.js';

/**
 * Builds the answer from the procedure's structured fields; with an LLM configured, also has it written
 * from the retrieved content. The composed answer is always built: it is what the guard falls back to.
 */
export const compose = step('compose', async (context) => {
  const choice = context.procedure!;
  const procedure = context.services.knowledge.procedure(choice.slug)!;
  // A procedure the conversation has already answered about (the focus, or an earlier topic it returns
  // to) needs no introduction again; any earlier answer means the conversation is under way.
  const topics = context.previous.topics;
  const options = {
    overviewListLines: context.services.settings.overviewListLines,
    followUp:
      context.previous.focus?.slug === choice.slug || topics.some((topic) => topic.slug === choice.slug),
    underWay: topics.length > 0 || context.previous.focus !== null,
  };
  context.composed = composeAnswer(procedure, context.facets, context.lang, options);
  // A precise question ("how many copies?") is answered with the file's own sentence, when one answers it.
  // A message made only of facet words ("cât durează?", "how long does it take?") asks for that facet:
  // with no word of its own to rank sentences by, any sentence with a number of days would do.
  const question = context.input.text;
  if (question && !namesOnlyFacets(question)) {
    const ranking = rankPassages(question, context.lang, procedure, passageConfig());
    // "Which room?" when the file names none: the reply says so, and still shows where to go, the part
    // of the file such a question is after (it names no facet, so no section would be shown).
    let facets = context.facets;
    const asksWhere = ranking.cues.some((cue) => !cue.weak && cue.fields.includes('where'));
    if (ranking.answer.length === 0 && facets.length === 0 && asksWhere) {
      facets = ['where'];
      context.composed = composeAnswer(procedure, facets, context.lang, options);
    }
    // The offices the question named by their name: their contact, when the file does not answer for them.
    const contacts = ranking.offices.flatMap((office) => {
      const department = office.department && context.services.knowledge.department(office.department);
      return department ? [department] : [];
    });
    context.composed = composePassageAnswer(
      context.composed,
      procedure,
      ranking,
      context.lang,
      facets,
      contacts,
    );
  }
  const writer = context.services.answerWriter;
  if (!writer) return;
  context.grounding = groundingFor(context);
  context.written = await writer.write({
    question: context.input.text ?? pick(procedure.title, context.lang).text,
    lang: context.lang,
    procedureTitle: pick(procedure.title, context.lang).text,
    knowledge: context.grounding,
    sources: context.composed.sources,
  });
});

/**
 * The content the LLM may use: the chunks retrieval found for this procedure, plus the facts the composed
 * answer states (follow-ups and clicks have no retrieval of their own, and structured fields are the most
 * precise form of the same knowledge).
 */
function groundingFor(context: TurnContext): string {
  const slug = context.procedure!.slug;
  const chunks = context.retrieval?.procedures.find((found) => found.slug === slug)?.chunks ?? [];
  return [...chunks.map((chunk) => `## ${chunk.section}\n${chunk.text}`), context.composed!.text].join(
    '\n\n',
  );
}

function namesOnlyFacets(question: string): boolean {
  const { facets, topic } = readFacets(question);
  return facets.length > 0 && topic.length === 0;
}
