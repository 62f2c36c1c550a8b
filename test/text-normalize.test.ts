import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { accentedTokens, foldWord, normalizeText, tokenize } from '../src/text/normalize.js';
import { boundedMemo } from '../src/text/bounded-memo.js';

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

describe('memoised normalisation', () => {
  it('gives each caller its own word lists, so changing one cannot change the next answer', () => {
    const first = tokenize('Cât costă un certificat?');
    first.push('changed');
    expect(tokenize('Cât costă un certificat?')).toEqual(['cat', 'costa', 'un', 'certificat']);
    const accented = accentedTokens('Cât costă?');
    accented.pop();
    expect(accentedTokens('Cât costă?')).toEqual([
      { word: 'cat', accented: 'cât' },
      { word: 'costa', accented: 'costă' },
    ]);
  });

  it('answers repeated and long texts as a first call does', () => {
    const long = 'Autorizație de construire, '.repeat(40);
    expect(normalizeText(long)).toBe(normalizeText(long));
    expect(tokenize(long)).toHaveLength(120);
    for (let n = 0; n < 5000; n++) expect(normalizeText(`Ș${n}`)).toBe(`s${n}`);
    expect(normalizeText('Ș1')).toBe('s1');
  });
});

describe('boundedMemo', () => {
  it('computes a short text once, a long one every time, and forgets everything when full', () => {
    const computed: string[] = [];
    const memo = boundedMemo(
      (text: string) => {
        computed.push(text);
        return text.length;
      },
      { maxEntries: 2, maxKeyLength: 5 },
    );
    expect([memo('ab'), memo('ab'), memo('abcdefgh'), memo('abcdefgh')]).toEqual([2, 2, 8, 8]);
    expect(computed).toEqual(['ab', 'abcdefgh', 'abcdefgh']);
    memo('c');
    memo('d'); // full: the memo starts again
    memo('ab');
    expect(computed).toEqual(['ab', 'abcdefgh', 'abcdefgh', 'c', 'd', 'ab']);
  });
});
