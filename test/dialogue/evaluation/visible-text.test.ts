import { describe, expect, it } from '@jest/globals';
import { visibleLength, visibleText } from '../../../src/dialogue/evaluation/visible-text.js';

describe('the visible text of a bot message', () => {
  const fees = { title: 'Taxe', lines: ['Taxa: 25 lei', 'Se plătește la ghișeu'] };

  it('is the text alone when the text already spells the sections out (a composed answer)', () => {
    const text = 'Pașaportul se cere la Moților 5.\n\nTaxe:\n- Taxa: 25 lei\n- Se plătește la ghișeu';
    expect(visibleText({ text, sections: [fees] })).toBe(text);
    expect(visibleLength({ text, sections: [fees] })).toBe(text.length);
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
