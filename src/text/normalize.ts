/**
 * Text normalisation shared by retrieval and intent matching. Citizens write with or without
 * diacritics, with the old cedilla forms (ş, ţ) or the correct comma-below ones (ș, ț), in any case.
 */

import { boundedMemo } from './bounded-memo.js';

// Romanian comma-below and cedilla forms, and Hungarian long vowels, all fold to plain ASCII letters.
const FOLD = /[\u0300-\u036f]/g;
const PLAIN = /^[a-z0-9]*$/;

/** Lower case, no diacritics, punctuation as spaces, single spaces. */
export const normalizeText: (text: string) => string = boundedMemo(foldText);

function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(FOLD, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Normalised words (a new array: the caller may change it). */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/** A normalised word together with the form it was written in (lower case, diacritics kept). */
export interface AccentedWord {
  /** As `tokenize` gives it: "lakcimkartyat". */
  word: string;
  /** As written, lower-cased: "lakcímkártyát". */
  accented: string;
}

/**
 * The words of `tokenize`, in the same order, each with its written form. Stemmers built for a
 * language's real spelling (Snowball Hungarian tells "-át" from "-at") need the accents that
 * normalisation removes; the normalised word stays the key everything else agrees on.
 * Built character by character so that the words are exactly `tokenize(text)`: a character that
 * folds to a letter or digit extends the word, anything else ends it.
 */
export function accentedTokens(text: string): AccentedWord[] {
  return [...memoAccentedTokens(text)];
}

// Memoised words are frozen: every caller shares them.
const memoAccentedTokens = boundedMemo((text: string): readonly AccentedWord[] =>
  Object.freeze(splitAccented(text).map((token) => Object.freeze(token))),
);

function splitAccented(text: string): AccentedWord[] {
  const tokens: AccentedWord[] = [];
  let word = '';
  let accented = '';
  const flush = () => {
    if (word !== '') tokens.push({ word, accented });
    word = '';
    accented = '';
  };
  for (const character of text.normalize('NFC')) {
    const folded = character.normalize('NFKD').replace(FOLD, '').toLowerCase();
    if (folded === '') {
      // A combining mark NFC could not compose: it belongs to the written form of the word.
      if (word !== '') accented += character.toLowerCase();
    } else if (PLAIN.test(folded)) {
      word += folded;
      accented += character.toLowerCase();
    } else {
      // A character folding to punctuation or to several pieces ("½" → "1⁄2"): take its folded
      // pieces as written, so both forms still split where `tokenize` splits.
      for (const piece of folded) {
        if (PLAIN.test(piece)) {
          word += piece;
          accented += piece;
        } else {
          flush();
        }
      }
    }
  }
  flush();
  return tokens;
}

/** A single word without diacritics, lower case (its letters otherwise kept). */
export function foldWord(word: string): string {
  return PLAIN.test(word) ? word : word.normalize('NFKD').replace(FOLD, '').toLowerCase();
}
