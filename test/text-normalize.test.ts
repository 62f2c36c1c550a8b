import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { accentedTokens, foldWord, normalizeText, tokenize } from '../src/text/normalize.js';

describe('normalizeText', () => {
  it.each([
    ['Autorizație de construire', 'autorizatie de construire'],
    ['autorizaţie', 'autorizatie'],
    ['ÎNREGISTRAREA NAȘTERII', 'inregistrarea nasterii'],
    ['Személyi igazolvány kell?', 'szemelyi igazolvany kell'],
    ['  mi-a expirat   buletinul!!! ', 'mi a expirat buletinul'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('tokenizes into normalised words and nothing for blank text', () => {
    expect(tokenize('Cât costă?')).toEqual(['cat', 'costa']);
    expect(tokenize(' ?! ')).toEqual([]);
  });
});

describe('accentedTokens', () => {
  it('keeps the written form of each normalised word', () => {
    expect(accentedTokens('Kell a LAKCÍMKÁRTYÁT, ș-a ştampilă?')).toEqual([
      { word: 'kell', accented: 'kell' },
      { word: 'a', accented: 'a' },
      { word: 'lakcimkartyat', accented: 'lakcímkártyát' },
      { word: 's', accented: 'ș' },
      { word: 'a', accented: 'a' },
      { word: 'stampila', accented: 'ştampilă' },
    ]);
  });

  it('writes decomposed input (a letter, then its accent) as one composed word', () => {
    expect(accentedTokens('e\u0301pi\u0301te\u0301si')).toEqual([{ word: 'epitesi', accented: 'építési' }]);
  });

  it('gives exactly the words of tokenize, whatever the text', () => {
    const characters = fc.constantFrom(
      ...'aáäăâbcdeéfgiíîoóöőșşțţuúüűxyz AÁÉÍŐȘ09-_.,?!ß½ﬁ²ø™\u0301\u0307İK'.split(''),
    );
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 40 }), fc.string(), (picked, random) => {
        for (const text of [picked.join(''), random]) {
          expect(accentedTokens(text).map((token) => token.word)).toEqual(tokenize(text));
          for (const token of accentedTokens(text)) expect(foldWord(token.accented)).toBe(token.word);
        }
      }),
    );
  });
});
