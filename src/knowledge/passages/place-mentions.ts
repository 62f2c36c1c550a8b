import type { Procedure } from '../ingest/procedure-schema.js';
import { tokenize } from '../../text/normalize.js';
import {
  isAfterName,
  isBeforeName,
  projectAddressWords,
  streetOccurrences,
  type AddressWords,
} from './address-words.js';

/**
 * Place mentions in a question: a street of the city's offices, with its number ("la sediul din Moților
 * 3", "a Piața Unirii 1-es irodában", "on Moților street"). They say where the citizen is or wants to
 * go, not what they want done there; to retrieval they are words of the procedures whose files name
 * that address, often not the one asked about ("Can I file the demolition permit at Moților 3?" is about
 * the demolition permit, not the offices at Moților 3).
 */

// A street name follows one of these in the files: "str. Moților", "Calea Moților", "Piața Unirii".
const STREET_MARKER =
  /\b(?:[Ss]tr\.|[Ss]trada|[Cc]alea|[Pp]ia[țţt]a|[Bb]d\.|[Bb]-dul|[Bb]ulevardul|[Aa]leea)\s+((?:[A-ZĂÂÎȘȚŞŢ][\p{L}'-]*\s?){1,3})/gu;

// Words for the building at that address ("la sediul din Moților 3", "the main building", "a
// főépületben"): with a street named, they too say where, not what. Prefixes of normalised words.
const BUILDING = [
  'sediu',
  'cladire',
  'cladirea',
  'building',
  'headquarters',
  'foepulet',
  'epulet',
  'szekhaz',
];

const NAMES = new WeakMap<readonly Procedure[], string[][]>();

/**
 * The street names the files give an address on, as normalised word sequences. Read once per
 * procedures array (the catalog gives a new one on a re-index), not on every question.
 */
export function placeNames(
  procedures: readonly Procedure[],
  words: AddressWords = projectAddressWords(),
): string[][] {
  let names = NAMES.get(procedures);
  if (!names) {
    const seen = new Map<string, string[]>();
    for (const procedure of procedures) {
      for (const name of streetNames(procedureText(procedure), words)) seen.set(name.join(' '), name);
    }
    // Longer names first: "Traian Vuia" before a one-word name that may start it.
    names = [...seen.values()].sort((a, b) => b.length - a.length);
    NAMES.set(procedures, names);
  }
  return names;
}

/** The street names one procedure's file gives an address on (see `placeNames`). */
export function procedureStreetNames(
  procedure: Procedure,
  words: AddressWords = projectAddressWords(),
): string[][] {
  return streetNames(procedureText(procedure), words);
}

function procedureText(procedure: Procedure): string {
  const address = procedure.where.address;
  const addressText = address === undefined ? '' : typeof address === 'string' ? address : address.ro;
  return `${addressText}\n${procedure.body}`;
}

function streetNames(text: string, vocabulary: AddressWords): string[][] {
  const names: string[][] = [];
  for (const match of text.matchAll(STREET_MARKER)) {
    // "str. Moților nr. 7": the name stops before "nr" (tokenize keeps only the words).
    const words = tokenize(match[1]);
    const end = words.findIndex((word) => isAfterName(word, vocabulary));
    const name = end < 0 ? words : words.slice(0, end);
    if (name.length > 0 && name.every((word) => word.length >= 3)) names.push(name);
  }
  return names;
}

/**
 * The question's words without its place mentions, or undefined when it names no street of the files.
 * A mention is a street name with the street word before it and the number after it.
 */
export function withoutPlaces(
  question: string,
  names: string[][],
  vocabulary: AddressWords = projectAddressWords(),
): string | undefined {
  const words = tokenize(question);
  const removed = new Set<number>();
  for (const { start, end } of streetOccurrences(words, names)) {
    let from = start;
    while (from > 0 && isBeforeName(words[from - 1], vocabulary)) from -= 1;
    let to = end;
    while (to < words.length && isAfterName(words[to], vocabulary)) to += 1;
    for (let i = from; i < to; i++) removed.add(i);
  }
  if (removed.size === 0) return undefined;
  words.forEach((word, i) => {
    if (BUILDING.some((prefix) => word.startsWith(prefix))) removed.add(i);
  });
  return words.filter((_, i) => !removed.has(i)).join(' ');
}
