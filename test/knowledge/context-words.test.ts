import { describe, expect, it } from '@jest/globals';
import type { LexicalMatch } from '../../src/knowledge/retrieval/lexical-matching.js';
import { contextIndices, contextWords, withoutContext } from '../../src/knowledge/retrieval/context-words.js';
import { questionWords } from '../../src/knowledge/retrieval/question-words.js';
import { aboutness, rankProcedures } from '../../src/knowledge/retrieval/rank-procedures.js';
import { loadRetrievalConfig } from '../../src/knowledge/retrieval/retrieval-config.js';

const config = loadRetrievalConfig();
const known = contextWords(config);
const TOTAL = 100;

function procedure(procedureId: number, words: Record<number, number>): LexicalMatch {
  const entries = Object.entries(words).map(([i, value]) => [Number(i), value] as const);
  return {
    procedureId,
    matches: new Map(entries),
    named: new Map(entries),
    chunks: new Map(entries.map(([i]) => [i, 1])),
  };
}

describe('context words (retrieval.yaml, context)', () => {
  it('recognises months, weekdays, times and neighbourhoods in the three languages, with or without diacritics', () => {
    const words = (question: string, lang: 'ro' | 'en' | 'hu') => questionWords(question, lang, 24);
    const ro = words('a murit tatăl meu duminică, în august, în Mănăștur', 'ro');
    expect([...contextIndices(ro, known)].map((i) => ro[i].word)).toEqual(['duminica', 'august', 'manastur']);
    const en = words('my wife gave birth on Tuesday', 'en');
    expect([...contextIndices(en, known)].map((i) => en[i].word)).toEqual(['tuesday']);
    const hu = words('tavaly meghalt az apám', 'hu');
    expect([...contextIndices(hu, known)].map((i) => hu[i].word)).toEqual(['tavaly']);
  });

  it('leaves out words procedures are about, though they tell a story', () => {
    // Kinship words too: they often name the procedure ("my mother is 78 and lives alone").
    for (const word of [
      'copil',
      'vecinul',
      'acasa',
      'home',
      'noaptea',
      'fiancee',
      'strada',
      'apa',
      'mar',
      'tatal',
      'wife',
      'apam',
    ])
      expect(known.has(word)).toBe(false);
  });

  it('embeds the question without them, or as it is when nothing else would be left', () => {
    expect(withoutContext('a decedat soacra mea duminică dimineață', known)).toBe('a decedat soacra mea');
    expect(withoutContext('ce acte trebuie?', known)).toBe('ce acte trebuie?');
    expect(withoutContext('august', known)).toBe('august');
  });
});

describe('the coverage of a question with context words', () => {
  // "ne căsătorim în august": 0 casatorim (in 5 procedures), 1 august (in 1, the wrong one).
  const frequency = new Map([
    [0, 5],
    [1, 1],
  ]);
  const marriage = procedure(1, { 0: 1 });
  const datedOther = procedure(2, { 1: 1 });
  const rank = (contextWords?: Set<number>) =>
    rankProcedures(
      { wordCount: 2, typoWords: new Set(), phraseCount: 0, contextWords },
      { procedures: [marriage, datedOther], documentFrequency: frequency, total: TOTAL },
      [],
      config,
    );

  it('is diluted by a month counted as information', () => {
    const ranked = rank();
    expect(ranked.find((c) => c.procedureId === 1)!.features.coverage).toBeLessThan(0.5);
  });

  it('is not diluted when the month is a context word, and the month alone names nothing', () => {
    const ranked = rank(new Set([1]));
    const byId = new Map(ranked.map((candidate) => [candidate.procedureId, candidate]));
    // All of the question's information: its one word, matched once (aboutness of one chunk).
    expect(byId.get(1)!.features.coverage).toBeCloseTo(aboutness(1, config.lexical), 5);
    // Found by the month alone, the other one is no candidate of the lexical ranking.
    expect(byId.has(2)).toBe(false);
    expect(ranked[0].procedureId).toBe(1);
  });

  it('counts a context word for a procedure that names it, in its own share', () => {
    // "my dad died": 0 died (in 2 procedures), 1 dad (named by the death registration only).
    const death = procedure(1, { 0: 1, 1: 1 });
    const grave = procedure(2, { 0: 1 });
    const ranked = rankProcedures(
      { wordCount: 2, typoWords: new Set(), phraseCount: 0, contextWords: new Set([1]) },
      {
        procedures: [death, grave],
        documentFrequency: new Map([
          [0, 2],
          [1, 1],
        ]),
        total: TOTAL,
      },
      [],
      config,
    );
    const byId = new Map(ranked.map((candidate) => [candidate.procedureId, candidate]));
    // The grave plot is not charged for the word it lacks; the death registration gains by naming it.
    expect(byId.get(2)!.features.coverage).toBeCloseTo(aboutness(1, config.lexical), 5);
    expect(byId.get(1)!.features.coverage).toBeGreaterThan(byId.get(2)!.features.coverage);
    // The evidence stays about what is asked: the context word adds none.
    expect(byId.get(1)!.features.evidence).toBeCloseTo(byId.get(2)!.features.evidence, 5);
  });
});
