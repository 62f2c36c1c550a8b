import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { configWith } from '../../src/config.js';
import {
  createEmbeddings,
  type EmbeddingsProvider,
} from '../../src/knowledge/embeddings/create-embeddings.js';
import { HybridRetriever } from '../../src/knowledge/retrieval/hybrid-retriever.js';
import { readState } from '../../src/knowledge/ingest/index-state.js';
import { INDEX_VERSION, ingestKnowledgeBase } from '../../src/knowledge/ingest/ingest-knowledge-base.js';
import { loadRetrievalConfig } from '../../src/knowledge/retrieval/retrieval-config.js';
import type { Database } from '../../src/storage/database.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import { KnowledgeBaseFixture } from './knowledge-base-fixture.js';
import { startMockEmbeddingsServer, type MockEmbeddingsServer } from './mock-embeddings-server.js';

const SLUGS = ['casatorie', 'certificat-urbanism', 'pasaport'];

async function indexedSlugs(database: Database): Promise<string[]> {
  const { rows } = await database.query<{ slug: string }>(
    'SELECT slug FROM knowledge_procedures ORDER BY slug',
  );
  return rows.map((row) => row.slug);
}

async function chunkIds(database: Database, slug: string): Promise<number[]> {
  const { rows } = await database.query<{ id: number }>(
    `SELECT c.id FROM knowledge_chunks c JOIN knowledge_procedures p ON p.id = c.procedure_id
     WHERE p.slug = $1 ORDER BY c.id`,
    [slug],
  );
  return rows.map((row) => row.id);
}

async function snapshot(database: Database) {
  const counts = await database.query<{ procedures: number; chunks: number; words: number }>(
    `SELECT (SELECT count(*) FROM knowledge_procedures) AS procedures,
            (SELECT count(*) FROM knowledge_chunks) AS chunks,
            (SELECT count(*) FROM knowledge_words) AS words`,
  );
  const hashes = await database.query<{ slug: string; content_hash: string }>(
    'SELECT slug, content_hash FROM knowledge_procedures ORDER BY slug',
  );
  return { ...counts.rows[0], hashes: hashes.rows, state: await readState(database) };
}

describe.each(BACKENDS)('knowledge-base ingestion on %s', (backend) => {
  let testDatabase: TestDatabase;
  let database: Database;
  let kb: KnowledgeBaseFixture;
  let hashing: EmbeddingsProvider;
  let server: MockEmbeddingsServer;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(backend);
    database = testDatabase.database;
    kb = new KnowledgeBaseFixture(SLUGS);
    hashing = await createEmbeddings(configWith());
    server = await startMockEmbeddingsServer(64);
  });
  afterAll(async () => {
    kb?.dispose();
    await server?.close();
    await testDatabase?.dispose();
  });

  it('starts from the project knowledge base, ingested once into the test snapshot', async () => {
    expect((await indexedSlugs(database)).length).toBeGreaterThanOrEqual(56);
    expect(await readState(database)).toMatchObject({ provider: 'hashing', dimensions: 256 });
  });

  it('deletes the procedures whose files are gone, with their chunks, words and listed lexemes', async () => {
    const report = await ingestKnowledgeBase(database, kb.directory, { embeddings: hashing });
    expect(report.problems).toEqual([]);
    expect(report.removed).toContain('impozit-cladiri');
    expect(report.updated.sort()).toEqual(SLUGS); // the copies lost their `related` links
    expect(await indexedSlugs(database)).toEqual(SLUGS);
    const { rows } = await database.query<{ procedures: number; orphans: number; salubrizare: number }>(
      `SELECT (SELECT count(DISTINCT procedure_id) FROM knowledge_chunks) AS procedures,
              (SELECT count(*) FROM knowledge_chunks c
                WHERE NOT EXISTS (SELECT 1 FROM knowledge_procedures p WHERE p.id = c.procedure_id)) AS orphans,
              (SELECT count(*) FROM knowledge_words WHERE word = 'salubrizare') AS salubrizare`,
    );
    expect(rows[0]).toEqual({ procedures: 3, orphans: 0, salubrizare: 0 });
    // The steps and documents lexemes (migration 007) name only the procedures left.
    const listed = await database.query<{ id: number }>(
      'SELECT DISTINCT unnest(procedures) AS id FROM knowledge_listed ORDER BY id',
    );
    const ids = await database.query<{ id: number }>('SELECT id FROM knowledge_procedures ORDER BY id');
    expect(listed.rows).toEqual(ids.rows);
    expect(await readState(database)).toMatchObject({ procedures: 3 });
  });

  it('skips unchanged files: a second run writes nothing', async () => {
    const before = await chunkIds(database, 'casatorie');
    const report = await ingestKnowledgeBase(database, kb.directory, { embeddings: hashing });
    expect(report).toMatchObject({ added: [], updated: [], removed: [], unchanged: 3, chunksWritten: 0 });
    expect(await chunkIds(database, 'casatorie')).toEqual(before);
  });

  it('rebuilds an index made by an earlier index version, although no file changed', async () => {
    // An index from before the Snowball Hungarian keys: an older version and no `hs:` stems.
    await database.query('UPDATE knowledge_state SET index_version = $1', [INDEX_VERSION - 1]);
    await database.query(
      `UPDATE knowledge_words SET stems = array(SELECT s FROM unnest(stems) s WHERE s NOT LIKE 'hs:%')`,
    );
    const report = await ingestKnowledgeBase(database, kb.directory, { embeddings: hashing });
    expect(report).toMatchObject({ reembedded: true, unchanged: 0 });
    expect(report.updated.sort()).toEqual(SLUGS);
    expect(await readState(database)).toMatchObject({ indexVersion: INDEX_VERSION });
    // "házasságot" (in the Hungarian summary) is keyed by its Snowball stem, taken on the accented word.
    const { rows } = await database.query<{ stems: string[] }>(
      `SELECT stems FROM knowledge_words WHERE word = 'hazassagot'`,
    );
    expect(rows[0]?.stems).toContain('hs:hazassag');
  });

  it('re-chunks and re-embeds a changed file alone', async () => {
    const untouched = await chunkIds(database, 'pasaport');
    kb.write(
      'casatorie',
      `${kb.read('casatorie').trimEnd()}\n\n## Nuntă în aer liber\nCununia se poate oficia și în grădina botanică.\n`,
    );
    const report = await ingestKnowledgeBase(database, kb.directory, { embeddings: hashing });
    expect(report).toMatchObject({ added: [], updated: ['casatorie'], unchanged: 2 });
    expect(report.chunksWritten).toBe((await chunkIds(database, 'casatorie')).length);
    expect(await chunkIds(database, 'pasaport')).toEqual(untouched);
    const { rows } = await database.query<{ section: string }>(
      `SELECT section FROM knowledge_chunks WHERE tsv @@ to_tsquery('ro_unaccent', 'botanica')`,
    );
    expect(rows).toEqual([{ section: 'Nuntă în aer liber' }]);
  });

  it('reports a bad file with its path and field, ingests the others and keeps its indexed version', async () => {
    const good = kb.read('pasaport');
    kb.edit('pasaport', /^kind: redirect$/m, 'kind: office');
    kb.copy('casatorie');
    const report = await ingestKnowledgeBase(database, kb.directory, { embeddings: hashing });
    expect(report.problems).toEqual([
      expect.objectContaining({ path: expect.stringMatching(/procedures\/pasaport\.md$/), field: 'kind' }),
    ]);
    expect(report).toMatchObject({ updated: ['casatorie'], removed: [], kept: ['pasaport'] });
    expect(await indexedSlugs(database)).toEqual(SLUGS);
    kb.write('pasaport', good);
  });

  it('leaves the index exactly as it was when a run fails half-way', async () => {
    const before = await snapshot(database);
    kb.remove('certificat-urbanism'); // would be deleted first...
    kb.copy('impozit-teren');
    // ...then PostgreSQL refuses this procedure: text cannot hold a NUL character.
    kb.edit('impozit-teren', /^ {2}ro: "(.)/m, '  ro: "\\0$1');
    await expect(ingestKnowledgeBase(database, kb.directory, { embeddings: hashing })).rejects.toThrow();
    expect(await snapshot(database)).toEqual(before);
    kb.remove('impozit-teren');
    kb.copy('certificat-urbanism');
  });

  it('re-embeds everything, with the new dimension, when the provider changes', async () => {
    const openai = await createEmbeddings(
      configWith({
        EMBEDDINGS_PROVIDER: 'openai',
        EMBEDDINGS_BASE_URL: server.baseUrl,
        EMBEDDINGS_MODEL: 'mock-64',
      }),
    );
    const report = await ingestKnowledgeBase(database, kb.directory, { embeddings: openai });
    const { rows } = await database.query<{ chunks: number; dimensions: number }>(
      `SELECT (SELECT count(*) FROM knowledge_chunks) AS chunks,
              (SELECT atttypmod FROM pg_attribute
                WHERE attrelid = 'knowledge_chunks'::regclass AND attname = 'embedding') AS dimensions`,
    );
    expect(report).toMatchObject({ reembedded: true, dimensions: 64, unchanged: 0 });
    expect(report.chunksWritten).toBe(rows[0].chunks);
    expect(rows[0].dimensions).toBe(64);
    expect(await readState(database)).toMatchObject({ provider: 'openai', model: 'mock-64', dimensions: 64 });

    const retriever = new HybridRetriever({
      database,
      embeddings: openai.embeddings,
      config: loadRetrievalConfig(kb.directory),
    });
    const result = await retriever.search('acte pentru cununia civila', { lang: 'ro' });
    expect(result.procedures[0]?.slug).toBe('casatorie');

    // The same provider again: only the dimension probe reaches the server.
    const requests = server.requests.length;
    expect(await ingestKnowledgeBase(database, kb.directory, { embeddings: openai })).toMatchObject({
      chunksWritten: 0,
    });
    expect(server.requests.length).toBe(requests + 1);
  });

  it('keeps the index when the new provider fails, and switches back cleanly', async () => {
    server.failing = true;
    const before = await snapshot(database);
    await expect(ingestKnowledgeBase(database, kb.directory, { embeddings: hashing })).resolves.toMatchObject(
      {
        reembedded: true,
      },
    );
    const failingOpenai = await createEmbeddings(
      configWith({
        EMBEDDINGS_PROVIDER: 'openai',
        EMBEDDINGS_BASE_URL: server.baseUrl,
        EMBEDDINGS_MODEL: 'mock-64',
      }),
    );
    const hashingState = await snapshot(database);
    expect(hashingState.state).toMatchObject({ provider: 'hashing', dimensions: 256 });
    expect(hashingState.chunks).toBe(before.chunks);
    await expect(
      ingestKnowledgeBase(database, kb.directory, { embeddings: failingOpenai }),
    ).rejects.toThrow();
    expect(await snapshot(database)).toEqual(hashingState);
    server.failing = false;
  });
});
