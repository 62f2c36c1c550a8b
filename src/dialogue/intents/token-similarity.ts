/**
 * How alike one word of an intent example and one word of a message are. Citizens type fast on
 * phones: "multumesc" → "multumsec", and Romanian and Hungarian inflect ("funcționar" →
 * "funcționarul", "ügyintéző" → "ügyintézővel"). Both tolerances apply only to longer words, where a
 * one-letter slip cannot turn one common word into another ("am"/"ai", "nu"/"na").
 */
import { withinOneEdit } from '../../text/edit-distance.js';

/** Shorter words must match exactly. */
export const APPROXIMATE_MIN_LENGTH = 5;
/** An inflected form may add or drop at most this many letters at the end ("-ul", "-ului", "-val"). */
export const MAX_INFLECTION_LETTERS = 3;
/** …of a stem at least this long: "super" must not match "supercom", "funcționar" may match "funcționarul". */
export const INFLECTION_MIN_STEM = 6;

/** Weights: an exact word counts fully, an inflected or mistyped one a little less in the score. */
export const EXACT_WEIGHT = 1;
export const INFLECTED_WEIGHT = 0.9;
export const TYPO_WEIGHT = 0.75;

/** 0 when the words differ, else the weight of the match. */
export function tokenSimilarity(exampleWord: string, messageWord: string, approximate: boolean): number {
  if (exampleWord === messageWord) return EXACT_WEIGHT;
  if (!approximate) return 0;
  if (unstretched(messageWord) === exampleWord) return INFLECTED_WEIGHT;
  if (exampleWord.length < APPROXIMATE_MIN_LENGTH || messageWord.length < APPROXIMATE_MIN_LENGTH) return 0;
  if (isInflection(exampleWord, messageWord)) return INFLECTED_WEIGHT;
  if (withinOneEdit(exampleWord, messageWord, { swaps: true })) return TYPO_WEIGHT;
  return 0;
}

/** A word typed with a held key: "mersiii", "heii", "daa", "nuuu" → "mersi", "hei", "da", "nu". */
export function unstretched(word: string): string {
  return word.replace(/(.)\1{2,}/g, '$1').replace(/(.)\1$/, '$1');
}

/** One word is the other plus a short ending. */
function isInflection(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return (
    shorter.length >= INFLECTION_MIN_STEM &&
    longer.length - shorter.length <= MAX_INFLECTION_LETTERS &&
    longer.startsWith(shorter)
  );
}
