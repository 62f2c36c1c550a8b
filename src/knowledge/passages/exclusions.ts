import { tokenize } from '../../text/normalize.js';

/**
 * The words a text excludes: what comes after "fără" / "without" and before Hungarian "nélkül" ("fără
 * instanță", "without going to court", "bíróság nélkül"). A question that asks the way without the
 * court is not answered by the sentence about the court, which shares its rarest word; a sentence that
 * excludes the same thing ("divorț la primărie, fără proces") is the one it asks about.
 *
 * Only these words: "nu" / "not" / "nem" state a condition that is often the very case asked ("dacă
 * nu plătesc la timp", "nincs szerződésem": the sentence about the missing contract answers it).
 */
const EXCLUDES_NEXT = new Set(['fara', 'without']);
const EXCLUDES_PREVIOUS = new Set(['nelkul']);
// How far "fără" / "without" reaches: "fără să mergem la tribunal", "without going to court". The
// clause ends it sooner.
const REACH = 4;

export function excludedWords(text: string): Set<string> {
  const excluded = new Set<string>();
  for (const clause of text.split(/[,.;:!?()]/u)) {
    const words = tokenize(clause);
    words.forEach((word, i) => {
      if (EXCLUDES_NEXT.has(word)) {
        for (const next of words.slice(i + 1, i + 1 + REACH)) excluded.add(next);
      } else if (EXCLUDES_PREVIOUS.has(word) && i > 0) {
        excluded.add(words[i - 1]);
      }
    });
  }
  return excluded;
}
