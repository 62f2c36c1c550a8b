import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { configWith } from '../../src/config.js';
import { ProcedureWordIndex } from '../../src/dialogue/understanding/procedure-word-index.js';
import { createEmbeddings } from '../../src/knowledge/embeddings/create-embeddings.js';
import { ingestProcedures } from '../../src/knowledge/ingest/ingest-knowledge-base.js';
import type { Procedure } from '../../src/knowledge/ingest/procedure-schema.js';
import { questionWords } from '../../src/knowledge/retrieval/question-words.js';
import { resolveTerms, type SearchTerm } from '../../src/knowledge/retrieval/resolve-terms.js';
import { loadRetrievalConfig } from '../../src/knowledge/retrieval/retrieval-config.js';
import { VocabularySnapshot } from '../../src/knowledge/retrieval/vocabulary-snapshot.js';
import { PostgresDatabase } from '../../src/storage/postgres-database.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { BACKENDS, createTestDatabase, type Backend, type TestDatabase } from '../support/test-databases.js';

const sorted = (terms: SearchTerm[]) =>
  [...terms].sort((a, b) => a.i - b.i || a.lexeme.localeCompare(b.lexeme));

describe.each(BACKENDS)('the in-process vocabulary on %s', (backend) => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase(backend);
  });
  afterAll(async () => testDatabase?.dispose());

  it('resolves every word of the indexed procedures, and typos, exactly as the vocabulary query', async () => {
    const { database } = testDatabase;
    const config = loadRetrievalConfig().lexical;
    const snapshot = await VocabularySnapshot.load(database);
    const { rows } = await database.query<{ document: Procedure }>(
      'SELECT document FROM knowledge_procedures',
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(snapshot.words).toBeGreaterThan(1000);
    // Titles and summaries in all three languages, plus misspelt and unknown words (the typo path).
    const questions = rows.flatMap(({ document }) => [
      ...Object.entries(document.title).map(([lang, text]) => ({ lang, text })),
      ...Object.entries(document.summary).map(([lang, text]) => ({ lang, text })),
    ]);
    questions.push({ lang: 'ro', text: 'certificat de urbansim pentru buletn xyzzyq' });
    // Hungarian compounds the base does not contain whole (the compound path).
    questions.push({ lang: 'hu', text: 'Meddig érvényes a bontásiengedély és a működésiengedély?' });
    for (const { lang, text } of questions) {
      const words = questionWords(String(text), lang as 'ro', config.maxQueryWords);
      const fromDatabase = await resolveTerms(database, words, config);
      const inProcess = await resolveTerms(database, words, config, snapshot);
      expect({
        text,
        total: inProcess.total,
        terms: sorted(inProcess.terms),
        words: inProcess.words,
      }).toEqual({
        text,
        total: fromDatabase.total,
        terms: sorted(fromDatabase.terms),
        words: fromDatabase.words,
      });
    }
  });

  it('replaces a Hungarian compound the base lacks by its known parts, each a word of its own', async () => {
    const { database } = testDatabase;
    const config = loadRetrievalConfig().lexical;
    const snapshot = await VocabularySnapshot.load(database);
    const words = questionWords('Meddig érvényes a bontásiengedély?', 'hu', config.maxQueryWords);
    const { words: resolved, terms } = await resolveTerms(database, words, config, snapshot);
    expect(resolved.map((word) => word.word)).toEqual(['ervenyes', 'bontasi', 'engedely']);
    expect(terms.some((term) => term.i === 1 && term.lexeme === 'bontas')).toBe(true);
    expect(terms.some((term) => term.i === 2 && term.lexeme === 'engedely')).toBe(true);
  });
});

/** A second instance's database: its own pool and LISTEN connection on PostgreSQL; shared on PGlite. */
async function secondDatabase(backend: Backend, first: TestDatabase): Promise<TestDatabase> {
  if (backend === 'pglite') return { database: first.database, dispose: async () => undefined };
  const database = await PostgresDatabase.open({ connectionString: first.url!, poolMax: 5 });
  return { database, url: first.url, dispose: () => database.close() };
}

async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(BACKENDS)('two instances after a re-index (%s)', (backend) => {
  let a: TestApp;
  let b: TestApp;
  let bDatabase: TestDatabase;

  beforeAll(async () => {
    a = await buildTestApp(backend);
    bDatabase = await secondDatabase(backend, a.testDatabase);
    b = await buildTestApp(backend, {}, bDatabase);
  });
  afterAll(async () => {
    await b?.close();
    await bDatabase?.dispose();
    await a?.close();
  });

  const askB = async (text: string) => {
    const opened = await b.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      payload: { lang: 'ro' },
    });
    const { conversationId, token } = opened.json() as { conversationId: string; token: string };
    const response = await b.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload: { text },
    });
    expect(response.statusCode).toBe(200);
    return response.json().messages[1] as { procedure?: string | null; text: string };
  };

  it('re-ingesting a changed procedure through one instance makes the other answer with the new text', async () => {
    const original = b.app.knowledge.procedure('pasaport')!;
    // A word no procedure contains yet: only a reloaded vocabulary can resolve it.
    const before = await b.app.retrieval.search('zeppelinuri', { lang: 'ro' });
    expect(before.procedures.map((procedure) => procedure.slug)).not.toContain('pasaport');
    // The conversation step's word index, built on a turn before the change, is of the old text.
    expect(ProcedureWordIndex.of(b.app.knowledge).titledWith('zeppelinuri', 'ro')).toEqual([]);

    const changed: Procedure = {
      ...original,
      title: { ...original.title, ro: `${original.title.ro} și zeppelinuri` },
      summary: { ...original.summary, ro: `${original.summary.ro} Nu se eliberează pentru zeppelinuri.` },
      keywords: [...original.keywords, 'zeppelinuri'],
      contentHash: `${original.contentHash}-changed`,
    };
    const others = new Set(a.app.knowledge.procedures().map((procedure) => procedure.slug));
    others.delete('pasaport');
    const report = await ingestProcedures(a.app.db, [changed], {
      embeddings: await createEmbeddings(configWith()),
      keepSlugs: others,
    });
    expect(report.updated).toEqual(['pasaport']);

    // Instance B never ingested: it learns of the change through the NOTIFY and reloads.
    await eventually(
      () => b.app.knowledge.procedure('pasaport')?.title.ro.includes('zeppelinuri') === true,
      "instance B's catalog to reload",
    );
    // ... and follows the reload: the new title word names the passport for the conversation step too.
    expect(ProcedureWordIndex.of(b.app.knowledge).titledWith('zeppelinuri', 'ro')).toEqual(['pasaport']);
    const after = await b.app.retrieval.search('zeppelinuri', { lang: 'ro' });
    expect(after.procedures[0]?.slug).toBe('pasaport');
    const answer = await askB('pașaport zeppelinuri');
    expect(answer.procedure).toBe('pasaport');
    expect(answer.text).toContain('Nu se eliberează pentru zeppelinuri.');
  });
});
