/**
 * Splits a Hungarian closed compound into words the knowledge base knows: "taxiengedely" → "taxi" +
 * "engedely", "autoado" → "auto" + "ado", "parkoloberlet" → "parkolo" + "berlet". Hungarian writes
 * compounds as one word, so a citizen's "taxiengedély" is a word the vocabulary has never seen even
 * though both of its halves are in it; without a split the question loses its most telling word.
 *
 * Only the whole word is split, into two parts or — when the remainder is itself a compound — three
 * ("gepjarmuadobevallas"). Longer heads are tried first, so a known compound head ("gepjarmu") wins
 * over the shorter word it starts with ("gep"). The linking forms need no rule of their own: the
 * adjectival "-i"/"-s" of a first part ("epitesi|engedely") and the inflection of the last part
 * ("taxiengedelyemet") are endings the part's stem keys already strip, so `isKnown` (which looks a
 * part up by its stem keys) accepts them.
 */

/** Parts shorter than this are not trusted: too many three-letter strings are some word by chance. */
export const MIN_COMPOUND_PART = 3;
/** Words shorter than this are not compounds of two trusted parts with room to spare. */
export const MIN_COMPOUND_WORD = 7;
const MAX_PARTS = 3;
/**
 * Hungarian derivational and case endings of three letters or more: never the last part of a
 * compound, though as strings they may be some word's stem ("las" is the Romanian "lasa"). Without
 * this "nyaralás" (a holiday, "nyaral" + "-ás") split into "nyara" + "las", two words about nothing
 * the citizen said.
 */
const ENDINGS = new Set(
  'las les sag seg ast est ban ben bol bel rol rel tol tel nak nek nal nel val vel hoz hez ert kor kent'.split(
    ' ',
  ),
);

/**
 * The parts of `word` (normalised), each accepted by `isKnown`, or undefined when it does not split
 * into known parts. `isKnown` is only asked about strings of at least MIN_COMPOUND_PART letters.
 */
export function splitCompound(word: string, isKnown: (part: string) => boolean): string[] | undefined {
  if (word.length < MIN_COMPOUND_WORD) return undefined;
  return split(word, isKnown, MAX_PARTS);
}

function split(word: string, isKnown: (part: string) => boolean, maxParts: number): string[] | undefined {
  for (let cut = word.length - MIN_COMPOUND_PART; cut >= MIN_COMPOUND_PART; cut--) {
    const head = word.slice(0, cut);
    if (!isKnown(head)) continue;
    const tail = word.slice(cut);
    if (ENDINGS.has(tail)) continue;
    if (isKnown(tail)) return [head, tail];
    if (maxParts > 2) {
      const rest = split(tail, isKnown, maxParts - 1);
      if (rest) return [head, ...rest];
    }
  }
  return undefined;
}

/**
 * Every string `splitCompound` may ask `isKnown` about, so that a caller whose lookup is a database
 * round trip can ask about all of them at once and answer from the result.
 */
export function compoundPartCandidates(word: string): string[] {
  if (word.length < MIN_COMPOUND_WORD) return [];
  const parts = new Set<string>();
  for (let start = 0; start <= word.length - MIN_COMPOUND_PART; start++) {
    for (let end = start + MIN_COMPOUND_PART; end <= word.length; end++) {
      if (start === 0 && end === word.length) continue;
      parts.add(word.slice(start, end));
    }
  }
  return [...parts];
}
