import { passageConfig, type PassageConfig } from './passage-config.js';

/**
 * The words written around a street name (passages.yaml `addressWords`), in the files and in questions:
 * one vocabulary for finding where a question names a place (place-mentions.ts), which building a
 * sentence is about (address-agreement.ts) and which of a question's words only say "street"
 * (rank-passages.ts). Also the one scan for a street name among a text's words.
 */
export type AddressWords = PassageConfig['addressWords'];

/** The vocabulary of the project's passages.yaml, the default of the functions that read addresses. */
export function projectAddressWords(): AddressWords {
  return passageConfig().addressWords;
}

interface PreparedWords {
  before: Set<string>;
  between: Set<string>;
  after: Set<string>;
  street: Set<string>;
  streetPrefixes: string[];
}

const PREPARED = new WeakMap<AddressWords, PreparedWords>();

function prepared(words: AddressWords): PreparedWords {
  let entry = PREPARED.get(words);
  if (!entry) {
    entry = {
      before: new Set(words.before),
      between: new Set(words.between),
      after: new Set(words.after),
      street: new Set(words.street.filter((word) => !word.endsWith('*'))),
      streetPrefixes: words.street.filter((word) => word.endsWith('*')).map((word) => word.slice(0, -1)),
    };
    PREPARED.set(words, entry);
  }
  return entry;
}

/** A street word before its name: "str.", "strada", "Calea", "Piața", "street", "utca". */
export function isBeforeName(word: string, words: AddressWords): boolean {
  return prepared(words).before.has(word);
}

/** A word between a street's name and its number: "nr.", "numărul", "no.", "szám", "utca", "street". */
export function isBetweenNameAndNumber(word: string, words: AddressWords): boolean {
  return prepared(words).between.has(word);
}

/**
 * A word that goes on an address after its name: a word between name and number, the number (any word
 * holding a leading digit, "1-2", "3.") or a Hungarian case ending or postposition after it ("1-nél",
 * "7. alatt").
 */
export function isAfterName(word: string, words: AddressWords): boolean {
  const vocabulary = prepared(words);
  return vocabulary.between.has(word) || vocabulary.after.has(word) || /^\d[\p{L}\d-]*$/u.test(word);
}

/**
 * A word that only says "street" ("str.", "strada", "street", Hungarian "utca" with its endings:
 * "utcában", "utcai"). Every sentence that gives an address holds one.
 */
export function isStreetWord(word: string, words: AddressWords): boolean {
  const vocabulary = prepared(words);
  if (vocabulary.street.has(word)) return true;
  for (const prefix of vocabulary.streetPrefixes) if (word.startsWith(prefix)) return true;
  return false;
}

/** Where a street name occurs among a text's normalised words: the index of its first word. */
export interface StreetOccurrence {
  street: string[];
  start: number;
  /** The index after its last word. */
  end: number;
}

/** Every occurrence of each of `streets` (normalised word sequences) in `words`, street by street. */
export function streetOccurrences(
  words: readonly string[],
  streets: readonly string[][],
): StreetOccurrence[] {
  const found: StreetOccurrence[] = [];
  for (const street of streets) {
    for (let start = 0; start + street.length <= words.length; start++) {
      let matches = true;
      for (let i = 0; i < street.length; i++) {
        if (words[start + i] !== street[i]) {
          matches = false;
          break;
        }
      }
      if (matches) found.push({ street, start, end: start + street.length });
    }
  }
  return found;
}
