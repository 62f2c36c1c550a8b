import { describe, expect, it } from '@jest/globals';
import { ProcedureWordIndex } from '../../../src/dialogue/understanding/procedure-word-index.js';
import type { Lang } from '../../../src/language.js';
import { knowledgeCatalog } from '../../support/knowledge-base.js';

const index = ProcedureWordIndex.of(knowledgeCatalog);

/** `labelledBy` as first written: each procedure asks `inLabels` and `idf` of each word again. */
function wordByWord(words: string[], lang: Lang, except?: string) {
  const found: Array<{ slug: string; information: number }> = [];
  for (const slug of index.slugs) {
    if (slug === except) continue;
    const information = words
      .filter(
        (word) =>
          index.inLabels(slug, word, lang) && (except === undefined || !index.inLabels(except, word, lang)),
      )
      .reduce((sum, word) => sum + index.idf(word, lang), 0);
    if (information > 0) found.push({ slug, information });
  }
  return found.sort((a, b) => b.information - a.information);
}

describe('ProcedureWordIndex.labelledBy', () => {
  it.each([
    [['pasaport', 'copil', 'taxa'], 'ro', undefined],
    [['pasaport', 'copil', 'taxa'], 'ro', 'pasaport'],
    [['impozit', 'cladire', 'teren', 'auto'], 'ro', 'impozit-cladiri'],
    [['parking', 'card', 'disabled', 'resident'], 'en', undefined],
    [['utlevel', 'szemelyi', 'lakcimkartya'], 'hu', 'no-such-slug'],
    [['kaufland', 'gym'], 'en', undefined],
    [[], 'ro', undefined],
  ] as const)('weighs %j (%s, except %s) as asking each word of each procedure', (words, lang, except) => {
    const found = index.labelledBy([...words], lang, except);
    expect(found).toEqual(wordByWord([...words], lang, except));
  });

  it('leaves out the words the excepted procedure is labelled by, and the procedure itself', () => {
    const all = index.labelledBy(['pasaport', 'copil'], 'ro');
    const without = index.labelledBy(['pasaport', 'copil'], 'ro', 'pasaport');
    expect(all.map((found) => found.slug)).toContain('pasaport');
    expect(without.map((found) => found.slug)).not.toContain('pasaport');
    expect(without.every((found) => !index.inLabels(found.slug, 'pasaport', 'ro'))).toBe(true);
  });
});
