import { describe, expect, it } from '@jest/globals';
import { compoundPartCandidates, splitCompound } from '../../src/knowledge/words/compound-split.js';

/** A vocabulary of whole words, as `isKnown` sees it (the real one looks parts up by their stem keys). */
function knowing(...words: string[]): (part: string) => boolean {
  const known = new Set(words);
  return (part) => known.has(part);
}

describe('splitCompound', () => {
  it('splits a compound of two known words', () => {
    expect(splitCompound('taxiengedely', knowing('taxi', 'engedely'))).toEqual(['taxi', 'engedely']);
    expect(splitCompound('parkoloberlet', knowing('parkolo', 'berlet'))).toEqual(['parkolo', 'berlet']);
  });

  it('prefers the longest known head', () => {
    const isKnown = knowing('gep', 'gepjarmu', 'jarmuado', 'ado');
    expect(splitCompound('gepjarmuado', isKnown)).toEqual(['gepjarmu', 'ado']);
  });

  it('splits into three parts when the remainder is itself a compound', () => {
    const isKnown = knowing('gepjarmu', 'ado', 'bevallas');
    expect(splitCompound('gepjarmuadobevallas', isKnown)).toEqual(['gepjarmu', 'ado', 'bevallas']);
  });

  it('never takes a Hungarian ending for the last part of a compound', () => {
    // "nyaralás" (a holiday) is "nyaral" + "-ás", not "nyara" + "las" (Romanian "lasa" stems to "las").
    expect(splitCompound('nyaralas', knowing('nyara', 'las'))).toBeUndefined();
    expect(splitCompound('kerteszseg', knowing('kertesz', 'seg'))).toBeUndefined();
  });

  it('leaves a word alone unless every part is known', () => {
    expect(splitCompound('peksegemnek', knowing('pek', 'engedely'))).toBeUndefined();
    expect(splitCompound('kolozsvar', knowing('kolozs'))).toBeUndefined();
  });

  it('never splits off a part shorter than three letters, nor a short word', () => {
    const isKnown = knowing('le', 'bontas', 'ad', 'oado', 'auto', 'ado');
    expect(splitCompound('lebontas', isKnown)).toBeUndefined();
    expect(splitCompound('autoado', isKnown)).toEqual(['auto', 'ado']);
    expect(splitCompound('autoad', knowing('auto', 'ad'))).toBeUndefined();
  });

  it('lists every part a split may look up, so a database can be asked once', () => {
    const candidates = new Set(compoundPartCandidates('gepjarmuado'));
    expect(candidates.has('gepjarmu')).toBe(true);
    expect(candidates.has('jarmu')).toBe(true);
    expect(candidates.has('ado')).toBe(true);
    expect(candidates.has('gepjarmuado')).toBe(false);
    expect([...candidates].every((part) => part.length >= 3)).toBe(true);
  });
});
