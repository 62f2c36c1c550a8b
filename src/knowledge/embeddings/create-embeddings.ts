import type { Embeddings } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { AppConfig } from '../../config.js';
import { HASHING_MODEL, HashingEmbeddings } from './hashing-embeddings.js';
import { LocalEmbeddings } from './local-embeddings.js';

export type EmbeddingsSettings = Pick<
  AppConfig,
  | 'EMBEDDINGS_PROVIDER'
  | 'EMBEDDINGS_BASE_URL'
  | 'EMBEDDINGS_MODEL'
  | 'EMBEDDINGS_API_KEY'
  | 'EMBEDDINGS_DIMENSIONS'
  | 'EMBEDDINGS_MODEL_DIR'
>;

/**
 * An embedder and its identity. Vectors from different providers, models or dimensions cannot be
 * compared, so the identity is stored with the index (knowledge_state) and a change re-embeds.
 */
export interface EmbeddingsProvider {
  embeddings: Embeddings;
  provider: AppConfig['EMBEDDINGS_PROVIDER'];
  model: string;
  /** Known in advance for the hashing embedder; other providers' models decide it (measured at ingestion). */
  dimensions?: number;
}

const DEFAULT_OPENAI_MODEL = 'text-embedding-3-small';

/** Builds the embedder chosen by EMBEDDINGS_PROVIDER (hashing by default: offline, no model). */
export async function createEmbeddings(settings: EmbeddingsSettings): Promise<EmbeddingsProvider> {
  switch (settings.EMBEDDINGS_PROVIDER) {
    case 'hashing':
      return {
        embeddings: new HashingEmbeddings({ dimensions: settings.EMBEDDINGS_DIMENSIONS }),
        provider: 'hashing',
        model: HASHING_MODEL,
        dimensions: settings.EMBEDDINGS_DIMENSIONS,
      };
    case 'openai': {
      const model = settings.EMBEDDINGS_MODEL ?? DEFAULT_OPENAI_MODEL;
      return {
        embeddings: new OpenAIEmbeddings({
          model,
          // Only the text-embedding-3 family can shorten its vectors; other servers (vLLM, Ollama)
          // reject or ignore the parameter, and their models have a fixed dimension.
          dimensions: model.startsWith('text-embedding-3') ? settings.EMBEDDINGS_DIMENSIONS : undefined,
          // Local servers need no key, but the client insists on one.
          apiKey: settings.EMBEDDINGS_API_KEY ?? 'not-needed',
          configuration: { baseURL: settings.EMBEDDINGS_BASE_URL },
          maxRetries: 2,
          timeout: 30_000,
        }),
        provider: 'openai',
        model,
      };
    }
    case 'local': {
      if (!settings.EMBEDDINGS_MODEL_DIR) {
        throw new Error(
          'EMBEDDINGS_PROVIDER=local needs EMBEDDINGS_MODEL_DIR (the directory of the ONNX model)',
        );
      }
      return {
        embeddings: await LocalEmbeddings.load({ modelDir: settings.EMBEDDINGS_MODEL_DIR }),
        provider: 'local',
        model: settings.EMBEDDINGS_MODEL ?? settings.EMBEDDINGS_MODEL_DIR,
      };
    }
  }
}
