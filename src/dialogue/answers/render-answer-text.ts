import { sectionTextLines, type Message, type Section } from '../../protocol/message.js';
import type { Lang } from '../../language.js';
import { REPLIES } from '../canned-replies.js';

/**
 * The plain-text form of an answer, for channels that show text only (Teams, the API's `text`). Plain
 * text on purpose: nothing in it is ever interpreted as HTML or Markdown by ANTONIA's own clients.
 */
export function renderAnswerText(answer: {
  summary: string;
  sections: Section[];
  notices: string[];
  sources: Message['sources'];
  lastReviewed: string;
  lang: Lang;
}): string {
  // An empty summary (a follow-up answering one facet) leaves no blank paragraph.
  const parts = answer.summary ? [answer.summary] : [];
  for (const section of answer.sections) {
    // Contact links are written as their labels: text-only channels show the number or address as text.
    parts.push([`${section.title}:`, ...sectionTextLines(section).map((line) => `- ${line}`)].join('\n'));
  }
  parts.push(...answer.notices);
  parts.push(renderFooter(answer.sources, answer.lastReviewed, answer.lang));
  return parts.join('\n\n');
}

/** "Sources: …" and "Last checked: …", also under an answer written by the LLM. */
export function renderFooter(sources: Message['sources'], lastReviewed: string, lang: Lang): string {
  const lines = [`${REPLIES.sourcesHeading[lang]}:`];
  sources.forEach((source, index) => lines.push(`[${index + 1}] ${source.title} — ${source.url}`));
  lines.push(REPLIES.lastChecked[lang](lastReviewed));
  return lines.join('\n');
}
