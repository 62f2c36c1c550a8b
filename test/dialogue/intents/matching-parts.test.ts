import { describe, expect, it } from '@jest/globals';
import { expandAlternatives } from '../../../src/dialogue/intents/expand-alternatives.js';
import { splitClauses } from '../../../src/dialogue/intents/split-clauses.js';
import {
  EXACT_WEIGHT,
  INFLECTED_WEIGHT,
  TYPO_WEIGHT,
  tokenSimilarity,
} from '../../../src/dialogue/intents/token-similarity.js';

describe('expandAlternatives', () => {
  it('writes out every combination of the groups', () => {
    expect(expandAlternatives('(vreau|pot) să vorbesc cu (un om|cineva)')).toEqual([
      'vreau să vorbesc cu un om',
      'vreau să vorbesc cu cineva',
      'pot să vorbesc cu un om',
      'pot să vorbesc cu cineva',
    ]);
  });

  it('makes a part optional with an empty alternative, without doubled spaces', () => {
    expect(expandAlternatives('kapcsoljon (át|) egy ügyintézőhöz')).toEqual([
      'kapcsoljon át egy ügyintézőhöz',
      'kapcsoljon egy ügyintézőhöz',
    ]);
  });

  it('leaves an example without groups as it is', () => {
    expect(expandAlternatives('bună ziua')).toEqual(['bună ziua']);
  });
});

describe('splitClauses', () => {
  it('splits at punctuation but not at hyphens inside words', () => {
    expect(splitClauses('Bună ziua, mi-a expirat buletinul! Ce fac?')).toEqual([
      ['buna', 'ziua'],
      ['mi', 'a', 'expirat', 'buletinul'],
      ['ce', 'fac'],
    ]);
  });

  it('splits at a dash between spaces', () => {
    expect(splitClauses('mersi - și cât costă')).toEqual([['mersi'], ['si', 'cat', 'costa']]);
  });

  it('reads thumbs and waves as words and counts a repeated word once', () => {
    expect(splitClauses('👍')).toEqual([['ok']]);
    expect(splitClauses('👎')).toEqual([['no']]);
    expect(splitClauses('pa pa')).toEqual([['pa']]);
    expect(splitClauses('da da da!')).toEqual([['da']]);
  });

  it('drops empty clauses', () => {
    expect(splitClauses('?!...')).toEqual([]);
    expect(splitClauses('')).toEqual([]);
  });
});

describe('tokenSimilarity', () => {
  it('matches equal words fully', () => {
    expect(tokenSimilarity('mersi', 'mersi', false)).toBe(EXACT_WEIGHT);
  });

  it('accepts an inflected form of a longer word', () => {
    expect(tokenSimilarity('functionar', 'functionarul', true)).toBe(INFLECTED_WEIGHT);
    expect(tokenSimilarity('ugyintezo', 'ugyintezovel', true)).toBe(INFLECTED_WEIGHT);
    expect(tokenSimilarity('super', 'supercom', true)).toBe(0);
  });

  it('accepts one slip in a word of five letters or more', () => {
    expect(tokenSimilarity('multumesc', 'multumsec', true)).toBe(TYPO_WEIGHT);
    expect(tokenSimilarity('thanks', 'thnaks', true)).toBe(TYPO_WEIGHT);
    expect(tokenSimilarity('mersi', 'mersy', true)).toBe(TYPO_WEIGHT);
    expect(tokenSimilarity('nu', 'na', true)).toBe(0);
    expect(tokenSimilarity('ziua', 'zina', true)).toBe(0);
  });

  it('reads a held key as the word', () => {
    expect(tokenSimilarity('da', 'daaa', true)).toBe(INFLECTED_WEIGHT);
    expect(tokenSimilarity('hei', 'heii', true)).toBe(INFLECTED_WEIGHT);
  });

  it('is exact only when approximate matching is off', () => {
    expect(tokenSimilarity('multumesc', 'multumsec', false)).toBe(0);
    expect(tokenSimilarity('da', 'daaa', false)).toBe(0);
  });
});
