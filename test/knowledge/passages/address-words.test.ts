import { describe, expect, it } from '@jest/globals';
import { addressMentions } from '../../../src/knowledge/passages/address-agreement.js';
import {
  isAfterName,
  isBeforeName,
  isStreetWord,
  projectAddressWords,
  streetOccurrences,
  type AddressWords,
} from '../../../src/knowledge/passages/address-words.js';
import { withoutPlaces } from '../../../src/knowledge/passages/place-mentions.js';

const words = projectAddressWords();

describe('address words (passages.yaml addressWords)', () => {
  it('reads the words around a street name from one vocabulary', () => {
    expect(isBeforeName('strada', words)).toBe(true);
    expect(isBeforeName('nr', words)).toBe(false);
    expect(isAfterName('nr', words)).toBe(true);
    expect(isAfterName('1-2', words)).toBe(true);
    expect(isAfterName('alatt', words)).toBe(true);
    expect(isAfterName('registratura', words)).toBe(false);
  });

  it('reads a word ending in "*" as the words it starts, and the others whole', () => {
    expect(isStreetWord('utcaban', words)).toBe(true);
    expect(isStreetWord('street', words)).toBe(true);
    // "str" is whole: "străinătate" is not a street word.
    expect(isStreetWord('strainatate', words)).toBe(false);
    expect(isStreetWord('piata', words)).toBe(false);
  });

  it('is the one vocabulary of place mentions and address mentions', () => {
    const streets = [['motilor']];
    const custom: AddressWords = {
      before: ['ulita'],
      between: ['numero'],
      after: ['bis'],
      street: ['ulita'],
    };
    expect(addressMentions('pe Moților numero 7', streets, custom).map((m) => m.number)).toEqual(['7']);
    expect(addressMentions('pe Moților nr. 7', streets, custom)).toEqual([]);
    expect(withoutPlaces('la ulita Moților numero 7 bis azi', streets, custom)).toBe('la azi');
  });

  it('finds every occurrence of every street in one scan', () => {
    const found = streetOccurrences(
      ['a', 'piata', 'unirii', 'b', 'unirii'],
      [['piata', 'unirii'], ['unirii']],
    );
    expect(found.map(({ street, start, end }) => `${street.join(' ')}@${start}-${end}`)).toEqual([
      'piata unirii@1-3',
      'unirii@2-3',
      'unirii@4-5',
    ]);
  });
});
