import { describe, expect, it } from '@jest/globals';
import { correctionNeighbours } from '../../../src/dialogue/understanding/correction-neighbours.js';
import { ProcedureWordIndex } from '../../../src/dialogue/understanding/procedure-word-index.js';
import { readTurnCues } from '../../../src/dialogue/understanding/turn-cues.js';
import type { Lang } from '../../../src/language.js';
import { knowledgeCatalog } from '../../support/knowledge-base.js';

/**
 * A correction retrieval cannot place is weighed against the wrong topic's neighbours by name, on the
 * real knowledge base: what the citizen adds ("monthly", "new house") must point to the neighbour meant.
 */
const index = ProcedureWordIndex.of(knowledgeCatalog);
const neighbours = (wrong: string, text: string, lang: Lang) =>
  correctionNeighbours(index, knowledgeCatalog, wrong, readTurnCues(text).content, lang, 6);

describe('correctionNeighbours', () => {
  it.each([
    [
      'parcare-plata-tarife',
      'no, I meant a fixed monthly spot outside my building, not hourly',
      'en',
      'abonament-parcare-rezidentiala',
    ],
    ['impozit-cladiri', 'nem az épület, hanem a telek adója érdekel', 'hu', 'impozit-teren'],
  ] as Array<[string, string, Lang, string]>)(
    'after %s, "%s" weighs %s first',
    (wrong, text, lang, meant) => {
      const [first, second] = neighbours(wrong, text, lang);
      expect(first.slug).toBe(meant);
      expect(first.weight).toBeGreaterThan(second.weight);
    },
  );

  it('never offers the wrong topic itself, and ranks only procedures that share its names', () => {
    const found = neighbours('carte-identitate-provizorie', 'nu, buletinul normal', 'ro');
    expect(found.map((neighbour) => neighbour.slug)).not.toContain('carte-identitate-provizorie');
    expect(found.map((neighbour) => neighbour.slug)).toContain('carte-identitate');
    expect(found.every((neighbour) => neighbour.kinship > 0)).toBe(true);
  });

  it('weighs nothing for a correction of words no neighbour holds apart from the wrong topic', () => {
    expect(neighbours('impozit-cladiri', 'nu', 'ro').every((neighbour) => neighbour.weight === 0)).toBe(true);
  });
});
