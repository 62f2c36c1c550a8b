import { newStemmer } from 'snowball-stemmers';
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

// Stemming is deterministic and the vocabulary is finite: memoise, bounded so a flood of novel
// words cannot grow the process.
const MEMO_LIMIT = 50_000;
const memo = new Map<string, string>();

/** The folded Snowball Hungarian stem of a lower-case word, written with or without accents. */
export function hungarianStem(word: string): string {
  let stem = memo.get(word);
  if (stem === undefined) {
    stem = foldWord(hungarian.stem(word));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, stem);
  }
  return stem;
}
