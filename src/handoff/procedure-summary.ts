import { composeAnswer } from '../dialogue/answers/compose-answer.js';
import { renderAnswerText } from '../dialogue/answers/render-answer-text.js';
import { DEFAULT_DIALOGUE_SETTINGS } from '../dialogue/dialogue-settings.js';
import { readFacets } from '../dialogue/facets.js';
import type { Procedure } from '../knowledge/ingest/procedure-schema.js';
import type { Lang } from '../protocol/lang.js';
import type { ProcedureSummary } from '../protocol/console-api.js';
import type { Section } from '../protocol/message.js';

/**
 * A procedure as a clerk inserts it into a reply: the same answer ANTONIA would give to `question` (the
 * citizen's question the handoff recorded), so it is trimmed to the facets asked ("cât costă?" → the fees)
 * or, when none is named, the short overview. The facets are read and the sections composed by the
 * dialogue's own code (readFacets, composeAnswer), so a clerk's insert and a bot answer cannot drift apart.
 */
export function summarizeProcedure(procedure: Procedure, lang: Lang, question = ''): ProcedureSummary {
  const facets = readFacets(question).facets;
  const composed = composeAnswer(procedure, facets, lang, {
    overviewListLines: DEFAULT_DIALOGUE_SETTINGS.overviewListLines,
  });
  // Not a follow-up, so the composed text opens with its lead (what it is and the next step, or the
  // summary's first sentence) whenever the procedure has a summary; the sections follow it.
  const lead = composed.summary.trim() ? (composed.text.split('\n\n')[0] ?? '') : '';
  return {
    slug: procedure.slug,
    title: procedure.title[lang],
    summary: composed.summary,
    lead,
    facets: facets.filter((facet) => composed.shown.includes(facet)),
    sections: composed.sections,
    sources: composed.sources,
    lastReviewed: composed.lastReviewed,
    text: composed.text,
  };
}

/**
 * The plain-text form of a clerk's reply built from an inserted summary: the clerk's own words, then the
 * (edited) sections and the procedure's sources, exactly as a bot answer's text is written. Text-only
 * channels (Teams, the API's `text`) show this; the widget and the console lay it out from the sections.
 */
export function structuredReplyText(
  procedure: Procedure,
  reply: { text: string; sections: Section[] },
  lang: Lang,
): string {
  return renderAnswerText({
    summary: reply.text,
    sections: reply.sections,
    notices: [],
    sources: procedure.sources.map((source) => ({ title: source.title, url: source.url })),
    lastReviewed: procedure.lastReviewed,
    lang,
  });
}
