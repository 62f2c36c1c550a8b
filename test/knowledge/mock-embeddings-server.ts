import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HashingEmbeddings } from '../../src/knowledge/embeddings/hashing-embeddings.js';

export interface MockEmbeddingsServer {
  baseUrl: string;
  /** Every request body received, in order. */
  requests: Array<{ model: string; input: string[]; encoding_format?: string; dimensions?: number }>;
  /** Answer the next requests with HTTP 500 (an unavailable provider). */
  failing: boolean;
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible `/embeddings` endpoint on 127.0.0.1, standing in for OpenAI, vLLM or Ollama.
 * Its vectors are hashing embeddings of `dimensions` (so retrieval over them still makes sense), sent
 * the way the OpenAI client asks for them: base64-encoded float32 unless `encoding_format` is "float".
 */
export async function startMockEmbeddingsServer(dimensions: number): Promise<MockEmbeddingsServer> {
  const embedder = new HashingEmbeddings({ dimensions });
  const state: MockEmbeddingsServer = {
    baseUrl: '',
    requests: [],
    failing: false,
    close: async () => undefined,
  };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      if (request.method !== 'POST' || !request.url?.endsWith('/embeddings')) {
        response.writeHead(404).end();
        return;
      }
      if (state.failing) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'unavailable', type: 'server_error' } }));
        return;
      }
      const parsed = JSON.parse(body) as MockEmbeddingsServer['requests'][number] & {
        input: string | string[];
      };
      const input = Array.isArray(parsed.input) ? parsed.input : [parsed.input];
      state.requests.push({ ...parsed, input });
      const data = input.map((text, index) => {
        const vector = embedder.embed(text);
        const embedding =
          parsed.encoding_format === 'float'
            ? vector
            : Buffer.from(new Float32Array(vector).buffer).toString('base64');
        return { object: 'embedding', index, embedding };
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          object: 'list',
          data,
          model: parsed.model,
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
