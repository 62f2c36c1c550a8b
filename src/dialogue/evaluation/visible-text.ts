import type { Message } from '../../conversations/message.js';

type Shown = Pick<Message, 'text' | 'sections'>;

/**
 * What the citizen reads of a bot message: its text, plus the sections the text does not already spell
 * out. A composed answer's `text` is its complete plain-text form (render-answer-text.ts: the summary,
 * each section as "Title:" and "- line"s, the sources), and the widget shows those parts as headed lists
 * instead — counting them twice would measure a length nobody reads. A section the text leaves out (e.g.
 * under an answer written by the LLM) is shown after it (widget/frame/answer-blocks.ts), so it counts.
 */
export function visibleParts(message: Shown): string[] {
  const extra = message.sections.filter(
    (section) =>
      !(message.text.includes(section.title) && section.lines.every((line) => message.text.includes(line))),
  );
  return [message.text, ...extra.flatMap((section) => [section.title, ...section.lines])];
}

/** The visible text as one string, one part a line. */
export function visibleText(message: Shown): string {
  return visibleParts(message).join('\n');
}

/** How many characters the citizen has to read (the parts' characters, separators not counted). */
export function visibleLength(message: Shown): number {
  return visibleParts(message).reduce((sum, part) => sum + part.length, 0);
}
