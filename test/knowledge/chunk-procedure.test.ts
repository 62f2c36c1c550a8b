import { describe, expect, it } from '@jest/globals';
import { chunkProcedure, KEYWORDS_PER_CHUNK, keywordGroups } from '../../src/knowledge/chunk-procedure.js';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base.js';

describe('keyword chunks', () => {
  it('splits a long keyword list into bounded groups, in file order, losing none', () => {
    const keywords = Array.from({ length: 2 * KEYWORDS_PER_CHUNK + 3 }, (_, i) => `keyword ${i}`);
    const groups = keywordGroups(keywords);
    expect(groups).toHaveLength(3);
    expect(groups.every((group) => group.length <= KEYWORDS_PER_CHUNK)).toBe(true);
    expect(groups.flat()).toEqual(keywords);
  });

  it('keeps a short list in one chunk', () => {
    expect(keywordGroups(['a', 'b', 'c'])).toEqual([['a', 'b', 'c']]);
  });

  it('indexes every keyword of a real procedure, no chunk holding more than the bound', async () => {
    const { procedures } = loadKnowledgeBase('knowledge-base');
    const longest = [...procedures].sort((a, b) => b.keywords.length - a.keywords.length)[0];
    expect(longest.keywords.length).toBeGreaterThan(KEYWORDS_PER_CHUNK);
    const chunks = (await chunkProcedure(longest)).filter((chunk) => chunk.field === 'keywords');
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks)
      expect(chunk.content.split('; ').length).toBeLessThanOrEqual(KEYWORDS_PER_CHUNK);
    expect(chunks.flatMap((chunk) => chunk.content.split('; '))).toEqual(longest.keywords);
  });
});
