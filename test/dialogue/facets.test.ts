import { describe, expect, it } from '@jest/globals';
import { readFacets } from '../../src/dialogue/facets.js';

describe('readFacets', () => {
  it.each([
    ['și cât costă?', ['fees']],
    ['si cat costa', ['fees']],
    ['unde depun?', ['where']],
    ['ce acte trebuie?', ['documents']],
    ['cât durează?', ['deadline']],
    ['e online?', ['online']],
    ['and how much is it?', ['fees']],
    ['where do I submit it?', ['where']],
    ['what documents do I need?', ['documents']],
    ['how long does it take?', ['deadline']],
    ['is it online?', ['online']],
    ['és mennyibe kerül?', ['fees']],
    ['hova adjam be?', ['where']],
    ['milyen iratok kellenek?', ['documents']],
    ['meddig tart?', ['deadline']],
    ['online is lehet?', ['online']],
    // Deadline and online said the everyday way, in the three languages (issue #10).
    ['cu cât timp înainte?', ['deadline']],
    ['îl primesc pe loc?', ['deadline']],
    ['se poate de pe telefon?', ['online']],
    ['how far in advance?', ['deadline']],
    ['can I do it from my phone?', ['online']],
    ['can I send it by email?', ['online']],
    ['hány napom van rá?', ['deadline']],
    ['mikor kapom meg?', ['deadline']],
    ['telefonról is lehet?', ['online']],
    // The cost asked with the verb "to pay" rather than "cost".
    ['se plătește?', ['fees']],
    ['trebuie să plătim ceva?', ['fees']],
    ['is there anything to pay?', ['fees']],
    ['kell fizetni érte?', ['fees']],
  ])('reads "%s" as a follow-up on %j with no topic of its own', (text, facets) => {
    expect(readFacets(text)).toEqual({ facets, topic: [] });
  });

  it('keeps the topic when a facet word comes with one', () => {
    expect(readFacets('și cât costă pașaportul?')).toEqual({ facets: ['fees'], topic: ['pasaportul'] });
    expect(readFacets('where do I get a parking permit?').topic).toEqual(['parking', 'permit']);
  });

  it('reads several facets in the order asked', () => {
    expect(readFacets('ce acte trebuie și cât costă?').facets).toEqual(['documents', 'fees']);
  });

  it('finds no facet in a plain question', () => {
    expect(readFacets('mi-am pierdut buletinul').facets).toEqual([]);
  });
});

describe('readFacets with generic words for the application', () => {
  it.each([
    ['unde se depune cererea?', ['where']],
    ['where do I apply?', ['where']],
    ['hol kell beadni a kérelmet?', ['where']],
  ])('%s asks only about %j of the procedure in focus', (text, facets) => {
    expect(readFacets(text)).toEqual({ facets, topic: [] });
  });
});
