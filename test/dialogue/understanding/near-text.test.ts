import { describe, expect, it } from '@jest/globals';
import { ProcedureWordIndex } from '../../../src/dialogue/understanding/procedure-word-index.js';
import type { Lang } from '../../../src/language.js';
import { knowledgeCatalog } from '../../support/knowledge-base.js';

/**
 * `nearText`, what the foreign-aside rule (understand.ts `foreignAside`) asks before it calls a word
 * foreign to a topic: the topic's text holds it, a misspelling of it or an inflection the light stemmers
 * miss; a word of something the city hall does not handle is none of these.
 */
const index = ProcedureWordIndex.of(knowledgeCatalog);

describe('ProcedureWordIndex.nearText', () => {
  it.each([
    ['pasaport', 'pașaportul', 'ro'],
    ['pasaport', 'pasaprtul', 'ro'],
    ['pasaport', 'passprt', 'en'],
    ['autorizatie-taxi', 'taximetrist', 'ro'],
  ] as const)('finds %s near "%s" (%s)', (slug, word, lang) => {
    expect(index.nearText(slug, word, lang as Lang, 5)).toBe(true);
  });

  it.each([
    ['impozit-cladiri', 'kaufland', 'ro'],
    ['pasaport', 'pizzát', 'hu'],
    ['locuinta-sociala', 'gym', 'en'],
    ['certificat-urbanism', 'câștigă', 'ro'],
  ] as const)('does not find %s near "%s" (%s)', (slug, word, lang) => {
    expect(index.nearText(slug, word, lang as Lang, 5)).toBe(false);
  });

  it('tells a missed inflection of a known word from a word the knowledge base lacks', () => {
    expect(index.nearAnyText('gyorsan', 'hu', 6)).toBe(true);
    expect(index.nearAnyText('edzoterem', 'hu', 6)).toBe(false);
    expect(index.nearAnyText('kaufland', 'ro', 6)).toBe(false);
  });

  it('answers a word again the same, and by its own knowledge base after a re-index', () => {
    expect(index.nearAnyText('gyorsan', 'hu', 6)).toBe(true);
    expect(index.nearAnyText('gyorsan', 'hu', 6)).toBe(true);
    expect(index.nearAnyText('kaufland', 'ro', 6)).toBe(false);
    expect(index.nearAnyText('kaufland', 'ro', 6)).toBe(false);
    // A re-index replaces the procedures array and so the index: the new base's vocabulary answers.
    const procedures = knowledgeCatalog.procedures();
    const withoutIt = procedures.filter((procedure) => !index.nearText(procedure.slug, 'gyorsan', 'hu', 6));
    expect(withoutIt.length).toBeLessThan(procedures.length);
    const reindexed = ProcedureWordIndex.of({ ...knowledgeCatalog, procedures: () => withoutIt });
    expect(reindexed.nearAnyText('gyorsan', 'hu', 6)).toBe(false);
    expect(index.nearAnyText('gyorsan', 'hu', 6)).toBe(true);
  });
});
