import { describe, expect, it } from '@jest/globals';
import { composeAnswer } from '../../src/dialogue/answers/compose-answer.js';
import { FACETS, type Facet } from '../../src/dialogue/facets.js';
import { loadKnowledgeBase } from '../../src/knowledge/ingest/load-knowledge-base.js';
import { fromProjectRoot } from '../../src/project-root.js';
import { outsideParentheses, RomanianTextFinder } from '../support/romanian-text.js';

const knowledge = loadKnowledgeBase(fromProjectRoot('knowledge-base'));

describe('how the tests detect Romanian text', () => {
  const finder = new RomanianTextFinder('en', knowledge);

  it('drops parenthesised parts, nested ones too', () => {
    expect(outsideParentheses('Local Taxes Directorate (Direcția Impozite (DITL) și Taxe)  desk')).toBe(
      'Local Taxes Directorate desk',
    );
  });

  it('finds a Romanian office name, office word or label outside parentheses only', () => {
    expect(finder.find('Direcția Impozite și Taxe Locale (DITL)')).toContain(
      'Direcția Impozite și Taxe Locale',
    );
    expect(finder.find('Apply at the Registratura on the ground floor')).toEqual(['Registratura']);
    expect(finder.find('Surse: [1] page')).toEqual(['Surse']);
    expect(finder.find('Local Taxes Directorate (Direcția Impozite și Taxe Locale, DITL)')).toEqual([]);
  });

  it('leaves addresses, e-mail and web addresses and English words that contain a label alone', () => {
    expect(finder.find('str. Moților nr. 7, Cluj-Napoca; registratura@primariaclujnapoca.ro')).toEqual([]);
    expect(finder.find('Taxes and fees')).toEqual([]);
  });
});

/**
 * Every procedure, composed for an English and a Hungarian citizen as an overview and facet by facet:
 * no line shows Romanian text except official names in parentheses (issue 11, one language per answer).
 */
describe.each(['en', 'hu'] as const)('answers in %s', (lang) => {
  const finder = new RomanianTextFinder(lang, knowledge);

  it('show no Romanian office name, office word or label outside parentheses, for any procedure', () => {
    const found: string[] = [];
    for (const procedure of knowledge.procedures) {
      for (const facets of [[], ...FACETS.map((facet) => [facet])] as Facet[][]) {
        const answer = composeAnswer(procedure, facets, lang, { overviewListLines: 5 });
        const lines = [
          answer.summary,
          ...answer.sections.flatMap((section) => [section.title, ...section.lines]),
          ...answer.notices,
        ];
        for (const line of lines) {
          const hits = finder.find(line);
          if (hits.length > 0)
            found.push(`${procedure.slug} [${facets.join()}]: ${hits.join(', ')} in "${line}"`);
        }
      }
    }
    expect([...new Set(found)]).toEqual([]);
  });

  it('name the office in the citizen language, with the official Romanian name kept in parentheses', () => {
    const idCard = knowledge.procedures.find((procedure) => procedure.slug === 'carte-identitate')!;
    const where = composeAnswer(idCard, ['where'], lang, { overviewListLines: 5 }).sections[0];
    expect(where.lines[0]).toBe(idCard.where.office[lang]);
    expect(where.lines[0]).toContain('(Direcția de Evidență a Persoanelor)');
  });
});
