import { describe, expect, it } from '@jest/globals';
import { normalizeText, tokenize } from '../src/text/normalize.js';

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
