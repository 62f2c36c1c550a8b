import { tokenize } from '../../text/normalize.js';
import {
  isBetweenNameAndNumber,
  projectAddressWords,
  streetOccurrences,
  type AddressWords,
} from './address-words.js';

/**
 * Which building a sentence is about, when a question names a street and its number. Several offices
 * share a street ("Moților 3" is the City Hall's directorates, "Moților 5" the population records,
 * "Moților 7" the registry): a question that names "Moților 7" asks the registry's hours, and a
 * sentence that gives the directorate's hours at "Moților nr. 3" shares its street word by chance.
 */

/** A street and its house number as a text names them ("str. Moților nr. 7", "Moților utca 3."). */
export interface AddressMention {
  /** The street's normalised words ("motilor", "piata unirii" as two words). */
  street: string[];
  /** The house number's leading figure ("1" of "1-2"). */
  number: string;
  /** The words written for it before the number: the street's and "nr", "utca", "street". */
  written: string[];
}

/** The street-and-number mentions of a text, for the street names of the file (see `placeNames`). */
export function addressMentions(
  text: string,
  streets: readonly string[][],
  vocabulary: AddressWords = projectAddressWords(),
): AddressMention[] {
  const words = tokenize(text);
  const mentions: AddressMention[] = [];
  for (const { street, start, end } of streetOccurrences(words, streets)) {
    // "nr.", "numărul", "utca", "street" between the name and its number (address-words.ts).
    let next = end;
    while (next < words.length && isBetweenNameAndNumber(words[next], vocabulary)) next += 1;
    const figure = /^\d+/.exec(words[next] ?? '');
    if (figure) mentions.push({ street, number: figure[0], written: words.slice(start, next) });
  }
  return mentions;
}

/**
 * How a sentence stands to the addresses a question names: `same` when it states (or its section or
 * office stands at) one of them, `other` when it names the same street only with other numbers (another
 * building), `none` when it names none of those streets.
 */
export type AddressAgreement = 'same' | 'other' | 'none';

export function addressAgreement(
  asked: readonly AddressMention[],
  stated: readonly AddressMention[],
  inherited: readonly AddressMention[],
): AddressAgreement {
  const sameStreet = (a: AddressMention, b: AddressMention) => a.street.join(' ') === b.street.join(' ');
  const same = (a: AddressMention, b: AddressMention) => sameStreet(a, b) && a.number === b.number;
  // A sentence that states its own address is about that one; only one that states none stands at
  // the address of its section or office.
  const own = stated.length > 0 ? stated : inherited;
  if (asked.some((question) => own.some((mention) => same(question, mention)))) return 'same';
  if (asked.some((question) => stated.some((mention) => sameStreet(question, mention)))) return 'other';
  return 'none';
}
