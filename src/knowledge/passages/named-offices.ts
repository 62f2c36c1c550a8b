import type { Lang } from '../../language.js';
import { tokenize } from '../../text/normalize.js';
import { phraseOccurs } from './detail-cues.js';
import type { PassageConfig } from './passage-config.js';

/**
 * The offices a text names by their name ("registratura", "the cash desk", "a Közrendezvényi
 * Igazgatóság"; passages.yaml `offices`). Several offices share a street and one procedure file often
 * lists the hours of more than one ("Registratură și casierie: …", "Direcția Evenimente Publice …:
 * str. Moților nr. 3 … (luni–miercuri 08:00–16:00 …)"): a question that names one office asks that
 * office's hours, and a sentence about another office of the same street does not answer it.
 */
export interface NamedOffice {
  /** The office's key in passages.yaml. */
  name: string;
  /** Its department in departments.yaml, whose contact the reply gives when the file has no answer. */
  department?: string;
}

interface PreparedOffice extends NamedOffice {
  phrases: string[][];
}

const PREPARED = new WeakMap<PassageConfig, PreparedOffice[]>();

function preparedOffices(config: PassageConfig): PreparedOffice[] {
  let offices = PREPARED.get(config);
  if (!offices) {
    offices = Object.entries(config.offices).map(([name, office]) => ({
      name,
      ...(office.department === undefined ? {} : { department: office.department }),
      phrases: office.names.map((phrase) => tokenize(phrase)),
    }));
    PREPARED.set(config, offices);
  }
  return offices;
}

/** The offices a text names, in the order of the configuration. */
export function namedOffices(text: string, config: PassageConfig, lang?: Lang): NamedOffice[] {
  const words = tokenize(text);
  return preparedOffices(config)
    .filter((office) => office.phrases.some((phrase) => phraseOccurs(words, phrase, lang)))
    .map(({ name, department }) => (department === undefined ? { name } : { name, department }));
}

/**
 * The office a sentence is about: the one it names first ("Primăriile de cartier (registratură și
 * casierie) au program …" is about the neighbourhood town halls, which have a registry), reading its
 * section's heading before it. Undefined when it names none (the procedure's own office, or none).
 */
export function sentenceOffice(text: string, config: PassageConfig, lang?: Lang): string | undefined {
  const words = tokenize(text);
  let first: { name: string; at: number } | undefined;
  for (const office of preparedOffices(config)) {
    for (const phrase of office.phrases) {
      const at = firstOccurrence(words, phrase, lang);
      if (at >= 0 && (first === undefined || at < first.at)) first = { name: office.name, at };
    }
  }
  return first?.name;
}

function firstOccurrence(words: string[], phrase: string[], lang?: Lang): number {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phraseOccurs(words.slice(start, start + phrase.length), phrase, lang)) return start;
  }
  return -1;
}
