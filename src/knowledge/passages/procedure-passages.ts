import { pick, type Lang } from '../../language.js';
import { tokenize } from '../../text/normalize.js';
import { bodySections } from '../ingest/chunk-procedure.js';
import { addressIn, type Procedure } from '../ingest/procedure-schema.js';
import type { BodyTranslation } from './passage-config.js';

/** The parts of a procedure file a sentence can come from, besides a `##` section of the body. */
export const PASSAGE_FIELDS = [
  'steps',
  'documents',
  'fees',
  'deadline',
  'validity',
  'where',
  'online',
] as const;
export type PassageField = (typeof PASSAGE_FIELDS)[number];

/** One sentence (or list item) of a procedure file, as written there. */
export interface Passage {
  text: string;
  /** A structured field of the front matter, or the body's `##` heading it stands under. */
  from: { field: PassageField } | { heading: string };
  /** The language it is written in (the body is Romanian; fields may be translated). */
  lang: Lang;
  /** For a body sentence's rendering (passages.yaml `translations`): the file's Romanian sentence. */
  original?: string;
  /**
   * The address the sentence is about without saying it: the office's opening hours (`where.hours`)
   * are the hours at `where.address`. Tells apart two offices of one street (address-agreement.ts).
   */
  at?: string;
}

/**
 * Every sentence of a procedure a precise question could be answered by: the front matter's fields in
 * the citizen's language (Romanian where not translated), then the Markdown body (Romanian), split into
 * sentences and list items. Nothing is rewritten: a quoted passage is the file's own words, or for an
 * English or Hungarian question a body sentence's rendering in that language (passages.yaml
 * `translations`), which takes the Romanian sentence's place.
 */
export function procedurePassages(
  procedure: Procedure,
  lang: Lang,
  translations: readonly BodyTranslation[] = [],
): Passage[] {
  const passages: Passage[] = [];
  const add = (field: PassageField, text: string, written: Lang) => {
    for (const sentence of sentences(text)) passages.push({ text: sentence, from: { field }, lang: written });
  };
  const localized = (value: { ro: string; en?: string; hu?: string }) => pick(value, lang);
  const language = (translated: boolean): Lang => (translated ? lang : 'ro');
  for (const field of ['steps', 'documents'] as const) {
    const picked = pick(procedure[field], lang);
    for (const item of picked.text) add(field, item, language(picked.translated));
  }
  for (const fee of procedure.fees) {
    const label = localized(fee.label);
    const amount = fee.amount === null ? '' : `: ${fee.amount} ${fee.currency}`;
    add('fees', `${label.text}${amount}.`, language(label.translated));
    if (fee.note) {
      const note = localized(fee.note);
      add('fees', note.text, language(note.translated));
    }
  }
  for (const field of ['deadline', 'validity'] as const) {
    const value = procedure[field];
    if (!value) continue;
    const picked = localized(value);
    add(field, picked.text, language(picked.translated));
  }
  const where = procedure.where;
  if (where.hours) {
    const hours = localized(where.hours);
    const written = language(hours.translated);
    for (const sentence of sentences(hours.text)) {
      const passage: Passage = { text: sentence, from: { field: 'where' }, lang: written };
      if (where.address !== undefined) passage.at = addressIn(where.address, 'ro');
      passages.push(passage);
    }
  }
  if (where.notes) {
    const notes = localized(where.notes);
    add('where', notes.text, language(notes.translated));
  }
  if (procedure.online) {
    const description = localized(procedure.online.description);
    add('online', description.text, language(description.translated));
  }
  const rendered = lang === 'ro' ? new Map<string, string>() : renderings(translations, lang);
  for (const section of bodySections(procedure.body)) {
    for (const sentence of sentences(section.text)) {
      const translated = rendered.get(sentenceKey(sentence));
      const from = { heading: section.heading };
      passages.push(
        translated
          ? { text: translated, from, lang, original: sentence }
          : { text: sentence, from, lang: 'ro' },
      );
    }
  }
  return passages;
}

/** A body sentence's words as a rendering's `ro` is compared with them: emphasis, case and diacritics aside. */
export function sentenceKey(sentence: string): string {
  return tokenize(sentence).join(' ');
}

function renderings(
  translations: readonly BodyTranslation[],
  lang: Exclude<Lang, 'ro'>,
): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const translation of translations) byKey.set(sentenceKey(translation.ro), translation[lang]);
  return byKey;
}

// A sentence ends at . ! ? or ; before a capital letter, a digit or a quote; list items and lines are
// sentences of their own. Abbreviations such as "nr. 5" or "str. Moților" are not ends: the next word
// is a digit after "nr." but a short lower-case abbreviation precedes it, so those are joined back; so
// is a bracket after a number with a dot.
const ABBREVIATION = /(?:\b(?:nr|str|bd|art|alin|lit|cam|tel|ex|etc|ap|sc|et|jud|mun|dl|dna)\.)$/i;

/** The sentences of a text, Markdown emphasis and list markers removed, short fragments dropped. */
export function sentences(text: string): string[] {
  const result: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine
      .replace(/^\s*(?:[-*+]|\d+\.)\s+/, '')
      .replace(/\*\*|__/g, '')
      .trim();
    if (!line || line.startsWith('|')) continue;
    const pieces = line.split(/(?<=[.!?;])\s+(?=[A-ZĂÂÎȘȚŞŢÁÉÍÓÖŐÚÜŰ0-9„"(])/u);
    let pending = '';
    for (const [i, piece] of pieces.entries()) {
      pending = pending ? `${pending} ${piece}` : piece;
      if (ABBREVIATION.test(pending)) continue;
      // A Hungarian house number is written with a dot ("Calea Baciului 18. (70 férőhely)"): a bracket
      // after a number and a dot goes on the same sentence.
      if (/\d\.$/.test(pending) && pieces[i + 1]?.startsWith('(')) continue;
      result.push(pending);
      pending = '';
    }
    if (pending) result.push(pending);
  }
  return result.filter((sentence) => sentence.length >= 12);
}
