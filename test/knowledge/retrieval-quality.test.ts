import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { configWith } from '../../src/config.js';
import { createEmbeddings } from '../../src/knowledge/embeddings/create-embeddings.js';
import { evaluateRetrieval, parseEvalQuestions } from '../../src/knowledge/retrieval/evaluate-retrieval.js';
import { HybridRetriever } from '../../src/knowledge/retrieval/hybrid-retriever.js';
import { loadRetrievalConfig } from '../../src/knowledge/retrieval/retrieval-config.js';
import { fromProjectRoot } from '../../src/project-root.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';

/**
 * The quality gate: the retriever over the project knowledge base, asked the development questions
 * (test/fixtures/eval-dev.jsonl, a copy of the shared dev set), must stay above the targets.
 * A change to the content, the weights or the code that drops below them fails here. Latency is not
 * asserted (a shared CI machine is no place for timings): `npm run eval` reports it.
 */
const DEV_SET = fromProjectRoot('test', 'fixtures', 'eval-dev.jsonl');

describe.each(BACKENDS)('retrieval quality on the dev set (%s)', (backend) => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase(backend);
  });
  afterAll(async () => testDatabase?.dispose());

  it('meets the targets: top-1 ≥ 0.92, top-3 ≥ 0.98, out-of-scope declined ≥ 0.9', async () => {
    const retriever = new HybridRetriever({
      database: testDatabase.database,
      embeddings: (await createEmbeddings(configWith())).embeddings,
      config: loadRetrievalConfig(),
    });
    const questions = parseEvalQuestions(readFileSync(DEV_SET, 'utf8'), DEV_SET);
    const { outcomes, summary } = await evaluateRetrieval(retriever, questions);
    const misses = outcomes
      .filter((outcome) => !outcome.top1)
      .map(
        (outcome) => `${outcome.q} → ${outcome.declined ? '(declined)' : outcome.got.slice(0, 3).join(', ')}`,
      );
    const failures = [
      summary.top1 < 0.92 && `top-1 ${summary.top1.toFixed(3)} < 0.92`,
      summary.top3 < 0.98 && `top-3 ${summary.top3.toFixed(3)} < 0.98`,
      summary.oosRecall < 0.9 && `out-of-scope declined ${summary.oosRecall.toFixed(3)} < 0.9`,
      summary.falseDeclineRate > 0.03 && `wrongly declined ${summary.falseDeclineRate.toFixed(3)} > 0.03`,
    ].filter((failure): failure is string => failure !== false);
    // On failure the message lists the questions answered wrong, to see what regressed.
    expect(failures.length === 0 ? [] : [...failures, 'misses:', ...misses]).toEqual([]);
    expect(summary.n).toBe(questions.length);
  });
});
