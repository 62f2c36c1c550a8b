import type { Message } from '../../protocol/message.js';
import { blockTextLines, layoutAnswer } from '../../widget/frame/answer-blocks.js';

// Sources are optional: a message without them (a test's, a clerk's) shows none.
type Shown = Pick<Message, 'text' | 'sections'> & Partial<Pick<Message, 'sources'>>;

/**
 * What the citizen reads of a bot message before expanding anything, as the widget lays it out
 * (widget/frame/answer-blocks.ts, shared so the two cannot drift): the text's paragraphs; each section
 * open in full, or only its title when collapsed (an overview); the sources as one line (their heading
 * and the review date). A composed answer's `text` also spells out its sections and sources for text-only
 * channels; those parts are counted as the widget shows them, not twice.
 */
export function visibleParts(message: Shown): string[] {
  const layout = layoutAnswer({
    text: message.text,
    sections: message.sections,
    sources: message.sources ?? [],
  });
  const parts = layout.blocks.flatMap((block) => {
    if (block.kind === 'paragraph') return [block.text];
    return block.collapsed ? [block.title] : [block.title, ...blockTextLines(block)];
  });
  if (layout.sourcesHeading) parts.push(layout.sourcesHeading);
  if (layout.footnote) parts.push(layout.footnote);
  return parts;
}

/**
 * Everything the answer holds in the widget, one tap away included: the visible parts with every collapsed
 * section's lines and the source titles. Precise-fact scoring reads this (a fee in the collapsed "Taxe" of
 * an overview is found with one tap); the character counts read only what shows before expanding.
 */
export function expandedText(message: Shown): string {
  const layout = layoutAnswer({
    text: message.text,
    sections: message.sections,
    sources: message.sources ?? [],
  });
  const parts = layout.blocks.flatMap((block) =>
    block.kind === 'paragraph' ? [block.text] : [block.title, ...blockTextLines(block)],
  );
  parts.push(...(message.sources ?? []).map((source) => source.title));
  if (layout.footnote) parts.push(layout.footnote);
  return parts.join('\n');
}

/** The visible text as one string, one part a line. */
export function visibleText(message: Shown): string {
  return visibleParts(message).join('\n');
}

/** How many characters the citizen has to read (the parts' characters, separators not counted). */
export function visibleLength(message: Shown): number {
  return visibleParts(message).reduce((sum, part) => sum + part.length, 0);
}
