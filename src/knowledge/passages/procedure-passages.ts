import { pick, type Lang } from '../../language.js';
import { bodySections } from '../ingest/chunk-procedure.js';
import type { Procedure } from '../ingest/procedure-schema.js';

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
  /**
   * For a translated field, the Romanian wording of the same item: the file's authoritative text, the
   * words the office's papers and clerks use (a translation may round "30 de zile calendaristice").
   */
  original?: string;
}

/**
 * Every sentence of a procedure a precise question could be answered by: the front matter's fields in
 * the citizen's language (Romanian where not translated), then the Markdown body (Romanian), split into
 * sentences and list items. Nothing is rewritten: a quoted passage is the file's own words.
 */
export function procedurePassages(procedure: Procedure, lang: Lang): Passage[] {
  const passages: Passage[] = [];
  // `romanian` is the same item as written in Romanian; kept beside a translation only.
  const add = (field: PassageField, text: string, written: Lang, romanian: string) => {
    const original = written === 'ro' || romanian === text ? undefined : romanian;
    for (const sentence of sentences(text)) {
      passages.push({ text: sentence, from: { field }, lang: written, ...(original ? { original } : {}) });
    }
  };
  const language = (translated: boolean): Lang => (translated && lang !== 'ro' ? lang : 'ro');
  const addLocalized = (field: PassageField, value: { ro: string; en?: string; hu?: string }) => {
    const picked = pick(value, lang);
    add(field, picked.text, language(picked.translated), value.ro);
  };
  for (const field of ['steps', 'documents'] as const) {
    const picked = pick(procedure[field], lang);
    // Item i of a translated list is item i of the Romanian one only when both are as long: some
    // translations leave an item out (17 lists of 100 files), and a wrong original is worse than none.
    const aligned = picked.text.length === procedure[field].ro.length;
    picked.text.forEach((item, i) =>
      add(field, item, language(picked.translated), aligned ? procedure[field].ro[i] : item),
    );
  }
  for (const fee of procedure.fees) {
    const label = pick(fee.label, lang);
    const amount = fee.amount === null ? '' : `: ${fee.amount} ${fee.currency}`;
    add('fees', `${label.text}${amount}.`, language(label.translated), `${fee.label.ro}${amount}.`);
    if (fee.note) addLocalized('fees', fee.note);
  }
  for (const field of ['deadline', 'validity'] as const) {
    const value = procedure[field];
    if (value) addLocalized(field, value);
  }
  const where = procedure.where;
  if (where.hours) addLocalized('where', where.hours);
  if (where.notes) addLocalized('where', where.notes);
  if (procedure.online) addLocalized('online', procedure.online.description);
  for (const section of bodySections(procedure.body)) {
    for (const sentence of sentences(section.text)) {
      passages.push({ text: sentence, from: { heading: section.heading }, lang: 'ro' });
    }
  }
  return passages;
}

// A sentence ends at . ! ? or ; before a capital letter, a digit or a quote; list items and lines are
// sentences of their own. Abbreviations such as "nr. 5" or "str. Moților" are not ends: the next word
// is a digit after "nr." but a short lower-case abbreviation precedes it, so those are joined back.
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
    for (const piece of pieces) {
      pending = pending ? `${pending} ${piece}` : piece;
      if (ABBREVIATION.test(pending)) continue;
      result.push(pending);
      pending = '';
    }
    if (pending) result.push(pending);
  }
  return result.filter((sentence) => sentence.length >= 12);
}
