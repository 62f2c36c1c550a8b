import { newStemmer } from 'snowball-stemmers';
import { boundedMemo } from '../../text/bounded-memo.js';
import { foldWord } from '../../text/normalize.js';

/**
 * Snowball's Hungarian stemmer (the maintained JS port of the reference algorithms), for the
 * inflections the light stemmer's short list cannot reach: possessives stacked with cases
 * ("személyimet", "személyigazolványomat", "feleségemnek") and the long-vowel alternations of a stem
 * before an ending ("lakcímkártya" / "lakcímkártyát", "útlevél" / "útlevelet").
 *
 * It is written for Hungarian as spelled: given "lakcímkártyát" it removes "-át", given the
 * unaccented "lakcimkartyat" it may not. So it is fed the word as written and its stem is folded
 * afterwards; a citizen who types without accents is stemmed on what they typed, which for most
 * endings gives the same folded stem (the light keys cover the rest).
 */
const hungarian = newStemmer('hungarian');

/**
 * Snowball's English (Porter2) stemmer, for the regular verb and noun families the light English
 * rules leave apart because their stems are short ("moved" / "move", "towed" / "tow", "fined" /
 * "fine", "disabled" / "disability"). Irregular families ("died" / "death") are not a stemmer's job:
 * the procedures' keywords name them.
 */
const english = newStemmer('english');

// Stemming is deterministic and the vocabulary is finite: memoised per word, bounded so a flood of
// novel words cannot grow the process.
const MEMO_LIMIT = 50_000;
const hungarianMemo = boundedMemo((written) => foldWord(hungarian.stem(written)), { maxEntries: MEMO_LIMIT });
const englishMemo = boundedMemo((written) => english.stem(foldWord(written)), { maxEntries: MEMO_LIMIT });

/** The folded Snowball Hungarian stem of a lower-case word, written with or without accents. */
export function hungarianStem(word: string): string {
  return hungarianMemo(word);
}

/** The Snowball English stem of a lower-case word (folded first: English needs no accents). */
export function englishStem(word: string): string {
  return englishMemo(word);
}
