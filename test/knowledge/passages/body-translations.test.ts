import { describe, expect, it } from '@jest/globals';
import { bodySections } from '../../../src/knowledge/ingest/chunk-procedure.js';
import { passageConfig } from '../../../src/knowledge/passages/passage-config.js';
import {
  procedurePassages,
  sentenceKey,
  sentences,
} from '../../../src/knowledge/passages/procedure-passages.js';
import { rankPassages } from '../../../src/knowledge/passages/rank-passages.js';
import { knowledge, procedure } from '../../support/knowledge-base.js';

const config = passageConfig();
const rows = Object.entries(config.translations).flatMap(([slug, list]) =>
  list.map((translation) => [slug, translation] as const),
);

/**
 * The figures a text states, thousands separators aside ("3.600" and "3,600" are one figure), each once
 * ("24 de ore din 24" is "24 hours a day").
 */
const figures = (text: string) =>
  [...new Set((text.match(/\d+(?:[.,]\d{3})*/g) ?? []).map((n) => n.replace(/[.,]/g, '')))].sort();

describe('English and Hungarian renderings of body sentences (passages.yaml `translations`)', () => {
  it('names only procedures of the knowledge base', () => {
    const slugs = new Set(knowledge.procedures.map((candidate) => candidate.slug));
    expect(Object.keys(config.translations).filter((slug) => !slugs.has(slug))).toEqual([]);
  });

  it.each(rows)(
    '%s: the Romanian sentence is still in the body, with the same figures in every language',
    (slug, translation) => {
      const body = bodySections(procedure(slug).body).flatMap((section) =>
        sentences(section.text).map(sentenceKey),
      );
      expect(body).toContain(sentenceKey(translation.ro));
      expect(figures(translation.en)).toEqual(figures(translation.ro));
      expect(figures(translation.hu)).toEqual(figures(translation.ro));
    },
  );

  it('takes the Romanian sentence’s place in an English or Hungarian question’s passages, not a Romanian one’s', () => {
    const texts = (lang: 'ro' | 'en' | 'hu') =>
      procedurePassages(procedure('audienta'), lang, config.translations.audienta).map(
        (passage) => passage.text,
      );
    const [translation] = config.translations.audienta;
    expect(texts('ro')).toContain(translation.ro);
    expect(texts('en')).toContain(translation.en);
    expect(texts('en')).not.toContain(translation.ro);
    expect(texts('hu')).toContain(translation.hu);
  });

  it('quotes the fact in the question’s language', () => {
    const answer = rankPassages(
      'How many minutes does each person get at an audience with the mayor?',
      'en',
      procedure('audienta'),
      config,
    ).answer;
    expect(answer[0]?.passage).toMatchObject({ lang: 'en' });
    expect(answer[0]?.passage.text).toContain('15 minutes');
  });
});
