import type { Lang } from '../../language.js';
import { accentedTokens } from '../../text/normalize.js';
import { stemKeys } from '../words/light-stemmer.js';
import { isStopword } from '../words/stopwords.js';

/** A meaningful word of a question, with the stem keys that find its inflected forms. */
export interface QuestionWord {
  word: string;
  stems: string[];
}

/**
 * Country abbreviations that, once lower-cased, read as an English stop word: "a US visa" is about
 * the United States, not about "us". Recognised only as written in capitals (with or without dots),
 * and spelled out as a word the base does not contain, so that the question counts one unknown word
 * and a question about a US visa is not taken for the Romanian residence visa on "visa" alone.
 */
const COUNTRY_ACRONYM = /(?<![\p{L}\p{N}])U\.?S\.?(?:A\.?)?(?![\p{L}\p{N}])/gu;

function spellOutCountryAcronyms(question: string): string {
  return question.replace(COUNTRY_ACRONYM, 'USA');
}

/**
 * The words of a question that can tell procedures apart: normalised (so "căsătorie", "casatorie"
 * and "CĂSĂTORIE" are one word), without stop words, once each, at most `max` of them (a pasted
 * paragraph must not cost a query per word).
 */
export function questionWords(question: string, lang: Lang, max: number): QuestionWord[] {
  const seen = new Set<string>();
  const words: QuestionWord[] = [];
  for (const { word, accented } of accentedTokens(spellOutCountryAcronyms(question))) {
    if (word.length < 2 || isStopword(word) || seen.has(word)) continue;
    seen.add(word);
    // Stemmed as written: the Snowball keys of the vocabulary were made from the written words too.
    words.push({ word, stems: stemKeys(accented, [lang]) });
    if (words.length === max) break;
  }
  return words;
}
