import { renderFooter } from '../../answers/render-answer-text.js';
import { guardWrittenAnswer } from '../../llm/grounding-guard.js';
import { step } from '../run-pipeline.js';

/**
 * Lets an LLM-written answer through only when it passes the grounding guard; otherwise (and without an
 * LLM) the citizen gets the composed answer. Either way the sources and the review date are attached.
 */
export const guard = step('guard', (context) => {
  const composed = context.composed!;
  const choice = context.procedure!;
  const common = {
    procedure: choice.slug,
    confidence: choice.confidence,
    sources: composed.sources,
    ...(composed.suggestions ? { suggestions: composed.suggestions } : {}),
  };
  const composedReply = { ...common, text: composed.text, sections: composed.sections };
  const detail = { via: choice.via, shown: composed.shown };
  const written = context.written;
  if (!written) {
    context.finish({ status: 'answered', reply: composedReply, detail: { ...detail, answer: 'composed' } });
    return;
  }
  const result = guardWrittenAnswer(written, context.grounding ?? '', composed.sources.length);
  const llm = { guard: result.verdict, offending: result.offending, llmMs: Math.round(written.ms) };
  if (result.verdict !== 'passed') {
    context.finish({
      status: 'answered',
      reply: composedReply,
      detail: { ...detail, ...llm, answer: 'composed' },
    });
    return;
  }
  context.finish({
    status: 'answered',
    reply: {
      ...common,
      text: `${written.text!}\n\n${renderFooter(composed.sources, composed.lastReviewed, context.lang)}`,
      sections: [],
    },
    detail: { ...detail, ...llm, answer: 'llm' },
  });
});
