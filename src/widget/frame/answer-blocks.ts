import { sectionTextLines, type ContactLink, type Message as ChatMessage } from '../../protocol/message.js';

export type AnswerBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'section'; title: string; lines: string[]; links: ContactLink[]; collapsed: boolean };

/** A block's items as text, one a line: a section's lines and its links' labels (what a reader reads). */
export function blockTextLines(block: AnswerBlock): string[] {
  return block.kind === 'paragraph' ? [block.text] : sectionTextLines(block);
}

export interface AnswerLayout {
  blocks: AnswerBlock[];
  /** What the text's source list said besides the sources themselves (e.g. "Verificat la: 2025-03-01"). */
  footnote: string | null;
  /** The source list's own heading in the text ("Surse"), shown on the collapsed sources line. */
  sourcesHeading: string | null;
}

/**
 * An answer with this many sections or more is an overview (documents, fees, where, …): its sections are
 * collapsed so the short answer fits a phone screen, each one a tap away. An answer with fewer sections
 * answers what was asked (a follow-up, a detail) and shows them open.
 */
export const COLLAPSE_FROM_SECTIONS = 3;

const SOURCE_LINE = /^\[\d+\]\s+.+\s+—\s+(\S+)$/;

function normalise(part: string): string {
  return part
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

/**
 * How a bot message is laid out in the widget. A message's `text` is its complete plain-text form (for
 * text-only channels): the summary, each section as "Title:" plus "- line"s, notices, and a source list
 * "[n] title — url". The widget shows the parts that repeat `sections` as headed lists, in the text's
 * order (collapsed in an overview, see COLLAPSE_FROM_SECTIONS), and the source list as links (from
 * `sources` only); everything else stays a paragraph. A part it does not recognise is shown as it is, so a
 * change of wording can at worst repeat content, never hide it.
 */
export function layoutAnswer(message: Pick<ChatMessage, 'text' | 'sections' | 'sources'>): AnswerLayout {
  // Sections marked collapsed (secondary details) are folded anyway and do not make an answer an overview.
  const collapsed =
    message.sections.filter((section) => section.collapsed !== true).length >= COLLAPSE_FROM_SECTIONS;
  const sectionByText = new Map(
    message.sections.map((section) => [
      normalise([`${section.title}:`, ...sectionTextLines(section).map((line) => `- ${line}`)].join('\n')),
      section,
    ]),
  );
  const sourceUrls = new Set(message.sources.map((source) => source.url));
  const isSourceLine = (line: string) => sourceUrls.has(SOURCE_LINE.exec(line)?.[1] ?? '');

  const blocks: AnswerBlock[] = [];
  const placed = new Set<ChatMessage['sections'][number]>();
  let footnote: string | null = null;
  let sourcesHeading: string | null = null;
  const parts = message.text
    .split(/\n\s*\n/)
    .map((part) => normalise(part.trim()))
    .filter((part) => part.length > 0);
  for (const part of parts) {
    const section = sectionByText.get(part);
    if (section && !placed.has(section)) {
      placed.add(section);
      blocks.push(sectionBlock(section, collapsed));
      continue;
    }
    const lines = part.split('\n');
    if (lines.length > 1 && lines[0].endsWith(':') && lines.slice(1).some(isSourceLine)) {
      sourcesHeading = lines[0].slice(0, -1);
      const rest = lines.slice(1).filter((line) => !isSourceLine(line));
      if (rest.length > 0) footnote = rest.join('\n');
      continue;
    }
    blocks.push({ kind: 'paragraph', text: part });
  }
  // Sections the text does not spell out (e.g. under an answer written by the LLM) come after it.
  for (const section of message.sections) {
    if (!placed.has(section)) {
      blocks.push(sectionBlock(section, collapsed));
    }
  }
  return { blocks, footnote, sourcesHeading };
}

function sectionBlock(section: ChatMessage['sections'][number], collapsed: boolean): AnswerBlock {
  return {
    kind: 'section',
    title: section.title,
    lines: section.lines,
    links: section.links ?? [],
    collapsed: collapsed || section.collapsed === true,
  };
}
