import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { BACKENDS } from '../support/test-databases.js';

describe.each(BACKENDS)('knowledge plugin on %s', (backend) => {
  describe('with the default configuration', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await buildTestApp(backend);
    });
    afterAll(async () => testApp?.close());

    it('exposes the indexed procedures and the departments', () => {
      const { knowledge } = testApp.app;
      const procedure = knowledge.procedure('certificat-urbanism');
      expect(procedure).toMatchObject({ slug: 'certificat-urbanism', kind: 'procedure' });
      expect(procedure?.title.ro).toMatch(/urbanism/i);
      expect(knowledge.procedures().length).toBeGreaterThanOrEqual(56);
      expect(knowledge.procedure('no-such-procedure')).toBeUndefined();
      expect(knowledge.department(procedure!.department)).toBeDefined();
      expect(knowledge.departments().length).toBeGreaterThan(0);
    });

    it('exposes the retriever', async () => {
      const result = await testApp.app.retrieval.search('vreau să-mi fac pașaport', { lang: 'ro' });
      expect(result.procedures[0]?.slug).toBe('pasaport');
    });

    it('is ready: the knowledge base is indexed with the configured embeddings', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/ready' });
      expect(response.statusCode).toBe(200);
      expect(response.json().checks).toMatchObject({ knowledge: 'ok' });
    });
  });

  describe('when the index was made with other embeddings and start-up ingestion is off', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await buildTestApp(backend, { KB_INGEST_ON_START: 'false', EMBEDDINGS_DIMENSIONS: '128' });
    });
    afterAll(async () => testApp?.close());

    it('reports the knowledge check as failing on /ready', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json().checks).toMatchObject({ knowledge: 'failing' });
    });
  });
});
