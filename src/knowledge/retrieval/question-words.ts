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
 * The words of a question that can tell procedures apart: normalised (so "căsătorie", "casatorie"
 * and "CĂSĂTORIE" are one word), without stop words, once each, at most `max` of them (a pasted
 * paragraph must not cost a query per word).
 */
export function questionWords(question: string, lang: Lang, max: number): QuestionWord[] {
  const seen = new Set<string>();
  const words: QuestionWord[] = [];
  for (const { word, accented } of accentedTokens(question)) {
    if (word.length < 2 || isStopword(word) || seen.has(word)) continue;
    seen.add(word);
    // Stemmed as written: the Snowball keys of the vocabulary were made from the written words too.
    words.push({ word, stems: stemKeys(accented, [lang]) });
    if (words.length === max) break;
  }
  return words;
}
