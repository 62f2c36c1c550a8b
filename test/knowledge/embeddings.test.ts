import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { configWith } from '../../src/config.js';
import { createEmbeddings } from '../../src/knowledge/embeddings/create-embeddings.js';
import { HashingEmbeddings } from '../../src/knowledge/embeddings/hashing-embeddings.js';
import { LocalEmbeddings } from '../../src/knowledge/embeddings/local-embeddings.js';
import { startMockEmbeddingsServer, type MockEmbeddingsServer } from './mock-embeddings-server.js';

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i], 0);

describe('HashingEmbeddings (the offline default)', () => {
  const embeddings = new HashingEmbeddings({ dimensions: 256 });

  it('gives unit vectors of the configured dimension, the same every time', async () => {
    const [first, again] = await embeddings.embedDocuments([
      'Certificat de urbanism',
      'Certificat de urbanism',
    ]);
    expect(first).toHaveLength(256);
    expect(Math.hypot(...first)).toBeCloseTo(1, 6);
    expect(again).toEqual(first);
  });

  it('ignores diacritics, case and punctuation', async () => {
    const a = await embeddings.embedQuery('Autorizație de construire, căsătorie!');
    const b = await embeddings.embedQuery('autorizatie de construire casatorie');
    expect(cosine(a, b)).toBeCloseTo(1, 6);
  });

  it('keeps inflected forms and typos close, and unrelated words far', async () => {
    const base = await embeddings.embedQuery('autorizatie');
    const inflected = await embeddings.embedQuery('autorizatiei');
    const typo = await embeddings.embedQuery('autorizatei');
    const unrelated = await embeddings.embedQuery('buletin');
    expect(cosine(base, inflected)).toBeGreaterThan(0.5);
    expect(cosine(base, typo)).toBeGreaterThan(0.4);
    expect(cosine(base, unrelated)).toBeLessThan(0.2);
  });

  it('leaves stop words out, so "certificatul de urbanism" equals "certificatul urbanism"', async () => {
    const a = await embeddings.embedQuery('ce trebuie pentru certificatul de urbanism');
    const b = await embeddings.embedQuery('certificatul urbanism');
    expect(cosine(a, b)).toBeCloseTo(1, 6);
  });

  it('gives a text of stop words only a fixed non-zero vector (pgvector cannot index zero vectors)', async () => {
    const vector = await embeddings.embedQuery('ce și cum');
    expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
  });

  it('refuses a dimension below 8', () => {
    expect(() => new HashingEmbeddings({ dimensions: 4 })).toThrow(/at least 8/);
  });
});

describe('OpenAI-compatible embeddings (a local mock server)', () => {
  let server: MockEmbeddingsServer;
  beforeAll(async () => {
    server = await startMockEmbeddingsServer(64);
  });
  afterAll(async () => server.close());

  it('sends the texts to EMBEDDINGS_BASE_URL and decodes the base64 vectors it asked for', async () => {
    const provider = await createEmbeddings(
      configWith({
        EMBEDDINGS_PROVIDER: 'openai',
        EMBEDDINGS_BASE_URL: server.baseUrl,
        EMBEDDINGS_MODEL: 'nomic-embed-text',
      }),
    );
    expect(provider).toMatchObject({ provider: 'openai', model: 'nomic-embed-text' });
    const vectors = await provider.embeddings.embedDocuments(['certificat de urbanism', 'buletin']);
    expect(vectors.map((vector) => vector.length)).toEqual([64, 64]);
    const expected = new HashingEmbeddings({ dimensions: 64 }).embed('buletin');
    vectors[1].forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
    const request = server.requests.at(-1)!;
    expect(request).toMatchObject({ model: 'nomic-embed-text', encoding_format: 'base64' });
    // Not a text-embedding-3 model: no `dimensions` parameter, which other servers reject.
    expect(request.dimensions).toBeUndefined();
  });

  it('asks text-embedding-3 models for EMBEDDINGS_DIMENSIONS', async () => {
    const provider = await createEmbeddings(
      configWith({
        EMBEDDINGS_PROVIDER: 'openai',
        EMBEDDINGS_BASE_URL: server.baseUrl,
        EMBEDDINGS_MODEL: 'text-embedding-3-small',
        EMBEDDINGS_DIMENSIONS: '64',
      }),
    );
    await provider.embeddings.embedQuery('pasaport');
    expect(server.requests.at(-1)?.dimensions).toBe(64);
  });
});

describe('local (transformers.js) embeddings', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'antonia-model-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('needs EMBEDDINGS_MODEL_DIR', async () => {
    await expect(createEmbeddings(configWith({ EMBEDDINGS_PROVIDER: 'local' }))).rejects.toThrow(
      /EMBEDDINGS_MODEL_DIR/,
    );
  });

  it('says which directory is missing, without downloading anything', async () => {
    await expect(LocalEmbeddings.load({ modelDir: join(directory, 'absent') })).rejects.toThrow(
      /EMBEDDINGS_MODEL_DIR .*absent is not a directory/,
    );
  });

  it('says how to install the optional package when it is not installed', async () => {
    await expect(
      createEmbeddings(configWith({ EMBEDDINGS_PROVIDER: 'local', EMBEDDINGS_MODEL_DIR: directory })),
    ).rejects.toThrow(/npm install @huggingface\/transformers/);
  });
});
