import { describe, expect, it } from '@jest/globals';
import type { LexicalMatch } from '../../src/knowledge/retrieval/lexical-matching.js';
import {
  decide,
  idf,
  isSubjectOf,
  rankProcedures,
  subjectFirst,
  type RankedCandidate,
} from '../../src/knowledge/retrieval/rank-procedures.js';
import { loadRetrievalConfig } from '../../src/knowledge/retrieval/retrieval-config.js';

const config = loadRetrievalConfig();
const TOTAL = 60;
const rareWord = idf(1, TOTAL);

/** A procedure's matches: word index → [match anywhere, match in its naming fields]. */
function procedure(procedureId: number, words: Record<number, [number, number]>): LexicalMatch {
  const entries = Object.entries(words).map(([i, value]) => [Number(i), value] as const);
  return {
    procedureId,
    matches: new Map(entries.map(([i, [any]]) => [i, any])),
    named: new Map(entries.filter(([, [, named]]) => named > 0).map(([i, [, named]]) => [i, named])),
    chunks: new Map(entries.map(([i]) => [i, 1])),
  };
}

// "pentru licența de taxi îmi trebuie cazierul judiciar; unde depun dosarul?"
// words: 0 cazier, 1 judiciar, 2 taxi, 3 licenta, 4 dosar (a word most procedures contain)
const frequency = new Map([
  [0, 2],
  [1, 2],
  [2, 1],
  [3, 3],
  [4, 40],
]);
const weightOf = new Map([...frequency].map(([i, df]) => [i, idf(df, TOTAL)]));
// The criminal record names "cazier judiciar" and its file never says "taxi".
const criminalRecord = procedure(1, { 0: [1, 1], 1: [1, 1], 4: [0.5, 0] });
// The taxi licence names "taxi" and "licență", and its document list includes the criminal record.
const taxiLicence = procedure(2, { 0: [0.5, 0], 1: [0.5, 0], 2: [1, 1], 3: [1, 1], 4: [0.5, 0] });

describe('the subject of a question and a document it mentions', () => {
  it('finds that the taxi licence requires the criminal record the question names, not the reverse', () => {
    expect(isSubjectOf(taxiLicence, criminalRecord, 5, weightOf, rareWord, config.subject)).toBe(true);
    expect(isSubjectOf(criminalRecord, taxiLicence, 5, weightOf, rareWord, config.subject)).toBe(false);
  });

  it('needs the subject to contain every word that names the other one', () => {
    const withoutJudiciar = procedure(2, { 0: [0.5, 0], 2: [1, 1], 3: [1, 1] });
    expect(isSubjectOf(withoutJudiciar, criminalRecord, 5, weightOf, rareWord, config.subject)).toBe(false);
  });

  it('needs the question to name the subject with words the other one does not contain', () => {
    // The criminal record's file also mentions taxis: the question's words no longer tell them apart.
    const mentionsTaxis = procedure(1, { 0: [1, 1], 1: [1, 1], 2: [0.5, 0], 3: [0.5, 0] });
    expect(isSubjectOf(taxiLicence, mentionsTaxis, 5, weightOf, rareWord, config.subject)).toBe(false);
  });

  it('sees the documents a subject lists only in its steps or documents (listed, no ranked match)', () => {
    // As indexed: "cazier judiciar" is in the taxi licence's document list and nowhere else in its file.
    const listsCriminalRecord = { ...procedure(2, { 2: [1, 1], 3: [1, 1] }), listed: new Set([0, 1]) };
    expect(isSubjectOf(listsCriminalRecord, criminalRecord, 5, weightOf, rareWord, config.subject)).toBe(
      true,
    );
    const listsOnlyCazier = { ...procedure(2, { 2: [1, 1], 3: [1, 1] }), listed: new Set([0]) };
    expect(isSubjectOf(listsOnlyCazier, criminalRecord, 5, weightOf, rareWord, config.subject)).toBe(false);
  });

  it("does not take a word the other one lists as the subject's own name", () => {
    // The criminal record's list mentions taxis: "taxi" no longer names the taxi licence alone.
    const listsTaxis = { ...procedure(1, { 0: [1, 1], 1: [1, 1] }), listed: new Set([2, 3]) };
    expect(isSubjectOf(taxiLicence, listsTaxis, 5, weightOf, rareWord, config.subject)).toBe(false);
  });

  it('needs the other one to be named by more than a common word', () => {
    const namedByDossierOnly = procedure(3, { 4: [1, 1] });
    expect(isSubjectOf(taxiLicence, namedByDossierOnly, 5, weightOf, rareWord, config.subject)).toBe(false);
  });

  it('records the relation on the ranked candidates', () => {
    const ranked = rankProcedures(
      { wordCount: 5, typoWords: new Set(), phraseCount: 0 },
      { procedures: [criminalRecord, taxiLicence], documentFrequency: frequency, total: TOTAL },
      [
        { procedureId: 1, similarity: 0.6 },
        { procedureId: 2, similarity: 0.5 },
      ],
      config,
    );
    const byId = new Map(ranked.map((candidate) => [candidate.procedureId, candidate]));
    expect(byId.get(2)?.mentions).toEqual([1]);
    expect(byId.get(1)?.mentions).toEqual([]);
    expect(ranked[0].procedureId).toBe(2);
  });
});

function candidate(procedureId: number, confidence: number, mentions: number[] = []): RankedCandidate {
  return {
    procedureId,
    score: confidence,
    confidence,
    mentions,
    features: {
      coverage: 0.6,
      namedCoverage: 0.5,
      similarity: 0.5,
      coverageLead: 0,
      similarityLead: 0,
      fusion: 0.5,
      evidence: 1,
      titleCoverage: 1,
    },
  };
}

describe('subject first', () => {
  it('puts the subject before the document it requires, however the confidence ordered them', () => {
    const ordered = subjectFirst([candidate(1, 0.9), candidate(3, 0.7), candidate(2, 0.6, [1])], config);
    expect(ordered.map((c) => c.procedureId)).toEqual([2, 1, 3]);
  });

  it('leaves the order alone when no candidate requires the first one', () => {
    const ordered = subjectFirst([candidate(1, 0.9), candidate(2, 0.6, [3]), candidate(3, 0.5)], config);
    expect(ordered.map((c) => c.procedureId)).toEqual([1, 2, 3]);
  });

  it('does not move a candidate the question names only by detail words, not by its name', () => {
    const unnamed = candidate(2, 0.6, [1]);
    unnamed.features.titleCoverage = 0.2;
    const ordered = subjectFirst([candidate(1, 0.9), unnamed], config);
    expect(ordered.map((c) => c.procedureId)).toEqual([1, 2]);
    expect(decide([candidate(1, 0.7), { ...unnamed, confidence: 0.69 }], config).ambiguous).toBe(true);
  });

  it('does not offer the required document as a rival, but still a third procedure', () => {
    expect(decide([candidate(2, 0.7, [1]), candidate(1, 0.9)], config).ambiguous).toBe(false);
    expect(decide([candidate(2, 0.7, [1]), candidate(1, 0.9), candidate(3, 0.68)], config).ambiguous).toBe(
      true,
    );
  });

  it('declines rather than answer the document when the subject itself is unlikely', () => {
    expect(decide([candidate(2, 0.1, [1]), candidate(1, 0.9)], config).declined).toBe(true);
  });
});
