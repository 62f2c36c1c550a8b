import { describe, expect, it } from '@jest/globals';
import type { ProcedureChunk } from '../../src/knowledge/ingest/chunk-procedure.js';
import { procedureWords } from '../../src/knowledge/ingest/knowledge-vocabulary.js';

describe('procedureWords', () => {
  const chunks: ProcedureChunk[] = [
    { field: 'title', section: 'title', lang: 'hu', content: 'Lakcímkártya igénylése' },
    { field: 'title', section: 'title', lang: 'ro', content: 'Carte de identitate' },
    { field: 'keywords', section: 'keywords', lang: 'ro', content: 'buletin; személyi igazolvány' },
  ];

  it('keeps the written form of each word (Snowball stems it), without stop words', () => {
    const words = procedureWords(chunks);
    expect(words.hu).toEqual(expect.arrayContaining(['lakcímkártya', 'igénylése']));
    expect(words.ro).toEqual(expect.arrayContaining(['carte', 'identitate']));
    expect(words.ro).not.toContain('de');
  });

  it('files the keywords, one list in all languages, under every language', () => {
    const words = procedureWords(chunks);
    for (const lang of ['ro', 'en', 'hu'] as const) {
      expect(words[lang]).toEqual(expect.arrayContaining(['buletin', 'személyi', 'igazolvány']));
    }
    expect(words.hu).not.toContain('carte');
  });
});
