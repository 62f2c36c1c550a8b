import { describe, expect, it } from '@jest/globals';
import { expandedText, visibleLength, visibleText } from '../../../src/dialogue/evaluation/visible-text.js';

describe('the visible text of a bot message', () => {
  const fees = { title: 'Taxe', lines: ['Taxa: 25 lei', 'Se plătește la ghișeu'] };
  const where = { title: 'Unde', lines: ['Moților 5'] };
  const online = { title: 'Online', lines: ['Nu se poate face integral online.'] };
  const sources = [{ title: 'Pașapoarte', url: 'https://example.org/pasapoarte' }];
  const footer = 'Surse:\n[1] Pașapoarte — https://example.org/pasapoarte\nVerificat la: 2025-03-01';
  const spelled = (section: { title: string; lines: string[] }) =>
    [`${section.title}:`, ...section.lines.map((line) => `- ${line}`)].join('\n');

  it('counts a section the text spells out once, open, when the answer answers one facet', () => {
    const text = `Pașaportul se cere la Moților 5.\n\n${spelled(fees)}`;
    expect(visibleText({ text, sections: [fees] })).toBe(
      'Pașaportul se cere la Moților 5.\nTaxe\nTaxa: 25 lei\nSe plătește la ghișeu',
    );
  });

  it('counts only the titles of an overview, whose sections are collapsed, and one line of sources', () => {
    const sections = [fees, where, online];
    const text = ['Pașaportul se cere la Moților 5.', ...sections.map(spelled), footer].join('\n\n');
    const message = { text, sections, sources };
    expect(visibleText(message)).toBe(
      'Pașaportul se cere la Moților 5.\nTaxe\nUnde\nOnline\nSurse\nVerificat la: 2025-03-01',
    );
    expect(visibleLength(message)).toBe(
      'Pașaportul se cere la Moților 5.'.length + 'TaxeUndeOnlineSurse'.length + 24,
    );
    // One tap away, every fact is there.
    expect(expandedText(message)).toContain('Taxa: 25 lei');
    expect(expandedText(message)).toContain('Pașapoarte');
  });

  it('adds the sections the text leaves out (an answer written by the LLM)', () => {
    const text = 'Pașaportul se cere la Moților 5.';
    expect(visibleText({ text, sections: [fees] })).toBe(
      'Pașaportul se cere la Moților 5.\nTaxe\nTaxa: 25 lei\nSe plătește la ghișeu',
    );
    expect(visibleLength({ text, sections: [fees] })).toBe(
      text.length + 'Taxe'.length + 'Taxa: 25 lei'.length + 'Se plătește la ghișeu'.length,
    );
  });
});
