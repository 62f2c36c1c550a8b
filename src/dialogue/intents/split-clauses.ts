import { tokenize } from '../../text/normalize.js';

/**
 * Punctuation that ends a clause. "Bună ziua, cum îmi fac buletinul?" is two clauses: an intent
 * phrase that fills a clause of its own is a much safer signal than one found inside a sentence.
 * A hyphen inside a word ("mi-a", "spune-mi") does not split; a dash between spaces does.
 */
const CLAUSE_BREAK = /[.!?;:,\n\r…¿¡()[\]{}"“”„«»]+|\s[-–—]+\s/u;

/** A few emoji people answer with, read as the word they stand for. */
const EMOJI_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/[\u{1F44D}\u{1F44C}\u{2705}\u{2714}]/gu, ' ok '],
  [/\u{1F44E}/gu, ' no '],
  [/\u{1F44B}/gu, ' hello '],
];

/** The message as clauses of normalised words; a word repeated at once ("pa pa", "da da") counts once. */
export function splitClauses(text: string): string[][] {
  let withWords = text;
  for (const [emoji, word] of EMOJI_WORDS) withWords = withWords.replace(emoji, word);
  return withWords
    .split(CLAUSE_BREAK)
    .map((clause) =>
      tokenize(clause).filter((word, index, words) => index === 0 || words[index - 1] !== word),
    )
    .filter((clause) => clause.length > 0);
}
