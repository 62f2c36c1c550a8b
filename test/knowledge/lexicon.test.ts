import { describe, expect, it } from '@jest/globals';
import {
  lexiconKnowsWord,
  lexiconStandIns,
  loadLexicon,
  type Lexicon,
} from '../../src/knowledge/retrieval/lexicon.js';
import { phraseQueries } from '../../src/knowledge/retrieval/lexical-matching.js';
import { questionWords } from '../../src/knowledge/retrieval/question-words.js';
import type { SearchTerm } from '../../src/knowledge/retrieval/resolve-terms.js';

const lexicon: Lexicon = [
  { means: { ro: 'mașină', en: 'car', hu: 'autó' }, words: ['skoda', 'opel'] },
  { means: { ro: 'impozit', en: 'taxes', hu: 'adó' }, words: ['council tax'] },
  { means: { ro: 'naștere', en: 'birth', hu: 'születés' }, words: ['maternity'] },
  { means: { ro: 'creștere', en: 'childcare', hu: 'gyes' }, words: ['maternity leave'] },
];

function standIns(question: string, lang: 'ro' | 'en' | 'hu', eligible = (_: number) => true) {
  const words = questionWords(question, lang, 24);
  const found = lexiconStandIns(lexicon, words, lang, eligible);
  return Object.fromEntries(
    [...found].map(([index, list]) => [words[index].word, list.map((item) => item.word).sort()]),
  );
}

describe('everyday lexicon', () => {
  it('stands the base words in for an everyday word, as written or inflected', () => {
    expect(standIns('mi-am vândut Skoda', 'ro')).toEqual({ skoda: ['auto', 'car', 'masina'] });
    expect(standIns('Eladtam az Opelemet', 'hu')).toEqual({ opelemet: ['auto', 'car', 'masina'] });
  });

  it('knows a whole word (as written or inflected) so that it is not split as a compound', () => {
    const [opelemet, council, tax] = questionWords('Opelemet council tax', 'hu', 24);
    expect(lexiconKnowsWord(lexicon, opelemet, 'hu')).toBe(true);
    // Only one-word entries: "council" alone is no word the lexicon stands in for.
    expect(lexiconKnowsWord(lexicon, council, 'en')).toBe(false);
    expect(lexiconKnowsWord(lexicon, tax, 'en')).toBe(false);
    expect(lexiconKnowsWord([], opelemet, 'hu')).toBe(false);
  });

  it('only for words the caller finds eligible (unknown or rare in the base)', () => {
    expect(standIns('mi-am vândut Skoda', 'ro', () => false)).toEqual({});
  });

  it('applies a phrase wherever it occurs whole, and its words take its sense only', () => {
    expect(standIns('how do I pay my council tax', 'en', () => false)).toEqual({
      council: ['ado', 'impozit', 'taxes'],
      tax: ['ado', 'impozit', 'taxes'],
    });
    expect(standIns('the council sent a letter about tax', 'en')).toEqual({});
    expect(standIns('how long is maternity leave', 'en')).toEqual({
      maternity: ['childcare', 'crestere', 'gyes'],
      leave: ['childcare', 'crestere', 'gyes'],
    });
    expect(standIns('born in the maternity ward', 'en')).toEqual({
      maternity: ['birth', 'nastere', 'szuletes'],
    });
  });

  it('gives a phrase with a stand-in no more weight than the stand-in', () => {
    const terms: SearchTerm[] = [
      { i: 0, lexeme: 'vandut', weight: 1, kind: 'stem', procedures: 2 },
      { i: 1, lexeme: 'masin', weight: 0.7, kind: 'lexicon', procedures: 13 },
    ];
    expect(phraseQueries(terms, 2).map((query) => query.weight)).toEqual([0.7]);
    expect(phraseQueries([terms[0], { ...terms[1], kind: 'stem', weight: 1 }], 2)[0].weight).toBe(1);
  });

  // Issue #10: the project's groups for building work, read as citizens tell a plan.
  it('reads a storey added or an extension told with a Hungarian verb as building work, not a holiday', () => {
    const project = loadLexicon();
    const said = (question: string, lang: 'en' | 'hu') => {
      const words = questionWords(question, lang, 24);
      const found = lexiconStandIns(project, words, lang, () => true);
      return [...found.values()].flat().map((item) => item.word);
    };
    expect(said('we want to add a second storey', 'en')).toContain('construire');
    expect(said('emeletet szeretnénk ráhúzni', 'hu')).toContain('construire');
    expect(said('hozzáépítést tervezünk', 'hu')).toContain('construire');
    // "nyaralás" (a holiday) stems with "nyaraló" (a holiday home), which is no longer a building word.
    expect(said('az útlevelem a nyaralás előtt', 'hu')).not.toContain('construire');
  });

  it("reads the project's lexicon.yaml", () => {
    const entries = loadLexicon();
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.reduce((sum, group) => sum + group.words.length, 0)).toBeGreaterThan(500);
  });
});
