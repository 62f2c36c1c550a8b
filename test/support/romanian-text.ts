import { REPLIES, SECTION_TITLES } from '../../src/dialogue/canned-replies.js';
import type { KnowledgeBaseContent } from '../../src/knowledge/ingest/load-knowledge-base.js';
import type { Lang } from '../../src/language.js';
import { UI_STRINGS } from '../../src/widget/frame/ui-strings.js';

/**
 * How the tests tell that an English or Hungarian answer shows Romanian text (issue 11, "one language
 * per answer"). Romanian is allowed only inside parentheses, where an answer gives the official name a
 * citizen needs at the counter ("Local Taxes Directorate (Direcția Impozite și Taxe Locale)"). Outside
 * them, a text is Romanian when it contains
 * - a Romanian label: a section title, a canned reply or a widget string whose Romanian wording is not
 *   also the wording in the conversation's language;
 * - a Romanian office name: any procedure's `where.office.ro` or `redirect.institution.ro`, or a
 *   department's Romanian name (each without its own parenthesised part);
 * - a word Romanian office names are made of (Direcția, Serviciul, Primăria, Registratura, ghișeul…),
 *   which catches an office named in a note or a sentence as well.
 * Addresses ("str. Moților nr. 5") and proper names of places are not Romanian labels and stay allowed.
 */
const OFFICE_WORDS =
  /(?<!\p{L})(Direcți[ae]i?|Serviciul(?:ui)?|Primări[ae]i?|Primăriile|Registratur[aă]|Centrul(?:ui)? de|Biroul(?:ui)?|Compartimentul(?:ui)?|ghișe\p{L}*)(?!\p{L})/giu;

/** The text with every parenthesised part removed (nested parentheses included), spaces collapsed. */
export function outsideParentheses(text: string): string {
  let depth = 0;
  let kept = '';
  for (const character of text) {
    if (character === '(') depth += 1;
    else if (character === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) kept += character;
  }
  return kept.replace(/\s+/g, ' ').trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole-word, case-sensitive match of `phrase` ("Taxe" must not match "Taxes"). */
function wholePhrase(phrase: string): RegExp {
  return new RegExp(`(?<!\\p{L})${escape(phrase)}(?!\\p{L})`, 'u');
}

function strings(record: object): string[] {
  return Object.values(record).filter((value): value is string => typeof value === 'string');
}

export class RomanianTextFinder {
  private readonly phrases: Array<{ phrase: string; pattern: RegExp }>;

  constructor(
    lang: Exclude<Lang, 'ro'>,
    knowledge: Pick<KnowledgeBaseContent, 'procedures' | 'departments'>,
  ) {
    const labels: Array<{ ro: unknown; own: unknown }> = [
      ...Object.values(SECTION_TITLES).map((text) => ({ ro: text.ro, own: text[lang] })),
      ...Object.values(REPLIES).map((text: Record<Lang, unknown>) => ({ ro: text.ro, own: text[lang] })),
    ];
    const ownWidget = new Set(strings(UI_STRINGS[lang]));
    const found = new Set<string>();
    for (const { ro, own } of labels) if (typeof ro === 'string' && ro !== own) found.add(ro.trim());
    for (const ro of strings(UI_STRINGS.ro)) if (!ownWidget.has(ro)) found.add(ro.trim());
    for (const procedure of knowledge.procedures) {
      found.add(outsideParentheses(procedure.where.office.ro));
      if (procedure.redirect) found.add(outsideParentheses(procedure.redirect.institution.ro));
    }
    for (const department of knowledge.departments)
      if (department.name.ro !== department.name[lang]) found.add(outsideParentheses(department.name.ro));
    this.phrases = [...found]
      .filter((phrase) => phrase.length >= 3)
      .map((phrase) => ({ phrase, pattern: wholePhrase(phrase) }));
  }

  /** The Romanian labels, office names and office words found outside parentheses in `text`. */
  find(text: string): string[] {
    // An e-mail address or a web address is not a label, even when a word of it is Romanian.
    const outside = outsideParentheses(text).replace(/\S*(?:@|:\/\/|\.ro\b)\S*/g, ' ');
    const hits = this.phrases.filter(({ pattern }) => pattern.test(outside)).map(({ phrase }) => phrase);
    for (const match of outside.matchAll(OFFICE_WORDS)) hits.push(match[0]);
    return [...new Set(hits)];
  }
}
