import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { configWith } from '../../src/config.js';
import { createEmbeddings } from '../../src/knowledge/embeddings/create-embeddings.js';
import { HybridRetriever } from '../../src/knowledge/retrieval/hybrid-retriever.js';
import { loadRetrievalConfig } from '../../src/knowledge/retrieval/retrieval-config.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';

/** The project knowledge base, as ingested into the test snapshot, behind the real retriever. */
describe.each(BACKENDS)('hybrid retrieval on %s', (backend) => {
  let testDatabase: TestDatabase;
  let retriever: HybridRetriever;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(backend);
    retriever = new HybridRetriever({
      database: testDatabase.database,
      embeddings: (await createEmbeddings(configWith())).embeddings,
      config: loadRetrievalConfig(),
    });
  });
  afterAll(async () => testDatabase?.dispose());

  const top = async (question: string, lang: 'ro' | 'en' | 'hu' = 'ro') => {
    const result = await retriever.search(question, { lang });
    expect(result.declined).toBe(false);
    return result.procedures[0];
  };

  it('finds the procedure with or without diacritics, with the same confidence', async () => {
    const withDiacritics = await top('Cum obțin autorizația de construire pentru o casă?');
    const without = await top('cum obtin autorizatia de construire pentru o casa');
    expect(withDiacritics.slug).toBe('autorizatie-construire');
    expect(without.slug).toBe('autorizatie-construire');
    expect(without.confidence).toBeCloseTo(withDiacritics.confidence, 6);
    expect(withDiacritics.confidence).toBeGreaterThan(0.5);
  });

  it('finds inflected and colloquial forms', async () => {
    expect((await top('mi-am pierdut buletinul')).slug).toBe('carte-identitate');
    expect((await top('acte pentru cununia civilă')).slug).toBe('casatorie');
    expect((await top('impozitul pe clădirea cumpărată')).slug).toBe('impozit-cladiri');
  });

  it('corrects typos against the vocabulary', async () => {
    expect((await top('certficat de urbanism')).slug).toBe('certificat-urbanism');
    expect((await top('autorizatie de constuire')).slug).toBe('autorizatie-construire');
    expect((await top('casatorei acte')).slug).toBe('casatorie');
  });

  it('answers English and Hungarian questions', async () => {
    expect((await top('How do I get a building permit?', 'en')).slug).toBe('autorizatie-construire');
    expect((await top('I lost my passport', 'en')).slug).toBe('pasaport');
    expect((await top('Személyi igazolvány lejárt', 'hu')).slug).toBe('carte-identitate');
    expect((await top('Útlevél igénylése', 'hu')).slug).toBe('pasaport');
  });

  it.each([
    ["what's the weather like tomorrow?", 'en'],
    ['scrie-mi o poezie despre primăvară', 'ro'],
    ['cum depun declarația unică la ANAF pentru impozitul pe venit', 'ro'],
    ['cum gătesc sarmale', 'ro'],
    ['Milyen idő lesz holnap?', 'hu'],
  ] as const)('declines what the city hall does not handle: %s', async (question, lang) => {
    const result = await retriever.search(question, { lang });
    expect(result).toMatchObject({ declined: true, ambiguous: false, procedures: [] });
  });

  it('declines a question of stop words only without querying anything', async () => {
    expect(await retriever.search('bună ziua, ce?')).toMatchObject({ declined: true, procedures: [] });
  });

  it('returns ranked procedures with calibrated confidences, quoting the matching chunks', async () => {
    const result = await retriever.search('ce documente trebuie pentru certificatul de urbanism', {
      lang: 'ro',
      limit: 3,
    });
    expect(result.procedures.length).toBeLessThanOrEqual(3);
    expect(result.procedures[0].slug).toBe('certificat-urbanism');
    const confidences = result.procedures.map((procedure) => procedure.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    for (const confidence of confidences) expect(confidence).toBeGreaterThanOrEqual(0);
    const chunks = result.procedures[0].chunks;
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.some((chunk) => /urbanism/i.test(chunk.text))).toBe(true);
    expect(chunks.every((chunk) => chunk.section.length > 0)).toBe(true);
    expect(result.tookMs).toBeGreaterThan(0);
  });

  it('flags a question that names only what several procedures share as ambiguous', async () => {
    const result = await retriever.search('certificat', { lang: 'ro' });
    expect(result.declined).toBe(false);
    expect(result.ambiguous).toBe(true);
    expect(result.procedures.length).toBeGreaterThanOrEqual(2);
  });

  it('finds the same procedures with the two-pass matching meant for large bases', async () => {
    const config = loadRetrievalConfig();
    const twoPass = new HybridRetriever({
      database: testDatabase.database,
      embeddings: (await createEmbeddings(configWith())).embeddings,
      // Forced on the small base: the rare words and the vectors choose candidates first.
      config: {
        ...config,
        lexical: { ...config.lexical, exactMaxProcedures: 1, exactBudget: 1, candidateLimit: 5 },
      },
    });
    for (const question of [
      'ce acte trebuie pentru certificatul de urbanism',
      'am pierdut buletinul',
      'taxa de salubrizare',
      'building permit',
    ]) {
      const exact = await retriever.search(question);
      const twoPassResult = await twoPass.search(question);
      expect(twoPassResult.procedures[0]?.slug).toBe(exact.procedures[0]?.slug);
      expect(twoPassResult.declined).toBe(false);
    }
  });

  it('is a LangChain retriever: invoke() gives Documents, none when declined', async () => {
    const documents = await retriever.invoke('mi-a expirat buletinul');
    expect(documents.length).toBeGreaterThan(0);
    expect(documents[0].metadata).toMatchObject({ slug: 'carte-identitate', rank: 1 });
    expect(documents[0].pageContent.length).toBeGreaterThan(0);
    expect(await retriever.invoke('what is the capital of Australia')).toEqual([]);
  });
});
