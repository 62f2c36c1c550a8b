import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';

/**
 * Embeddings from a transformers.js (ONNX) model that the operator has put in a directory, e.g. a
 * multilingual sentence-transformer exported to ONNX. Never downloads: remote models are switched off
 * and only local files are read.
 *
 * transformers.js is an optional package (about 50 MB with onnxruntime) and is not installed by
 * default; it is loaded with a dynamic import only when this provider is chosen.
 */
export interface LocalEmbeddingsParams extends EmbeddingsParams {
  modelDir: string;
}

type FeatureExtractor = (
  texts: string[],
  options: { pooling: 'mean'; normalize: boolean },
) => Promise<{ tolist(): number[][] }>;

interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: Record<string, unknown>,
  ): Promise<FeatureExtractor>;
}

// The package names transformers.js has been published under, newest first.
const PACKAGES = ['@huggingface/transformers', '@xenova/transformers'];

export class LocalEmbeddingsError extends Error {
  override name = 'LocalEmbeddingsError';
}

export class LocalEmbeddings extends Embeddings {
  private constructor(
    params: EmbeddingsParams,
    private readonly extractor: FeatureExtractor,
  ) {
    super(params);
  }

  /** Checks the directory, loads the package and the model; fails with what to do when one is missing. */
  static async load(params: LocalEmbeddingsParams): Promise<LocalEmbeddings> {
    const directory = resolve(params.modelDir);
    if (!existsSync(directory) || !statSync(directory).isDirectory()) {
      throw new LocalEmbeddingsError(
        `EMBEDDINGS_MODEL_DIR ${directory} is not a directory: put the ONNX model (config.json, tokenizer.json, onnx/model.onnx) there`,
      );
    }
    const transformers = await importTransformers();
    transformers.env.allowRemoteModels = false;
    transformers.env.allowLocalModels = true;
    transformers.env.localModelPath = dirname(directory);
    try {
      const extractor = await transformers.pipeline('feature-extraction', basename(directory), {
        local_files_only: true,
      });
      return new LocalEmbeddings(params, extractor);
    } catch (error) {
      throw new LocalEmbeddingsError(
        `Cannot load the embeddings model from ${directory}: ${(error as Error).message}`,
      );
    }
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const output = await this.extractor(texts, { pooling: 'mean', normalize: true });
    return output.tolist();
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0];
  }
}

async function importTransformers(): Promise<TransformersModule> {
  for (const name of PACKAGES) {
    try {
      // A variable specifier: the package is optional, so neither TypeScript nor a bundler may require it.
      return (await import(name)) as TransformersModule;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  throw new LocalEmbeddingsError(
    'EMBEDDINGS_PROVIDER=local needs the optional package @huggingface/transformers, which is not installed: run `npm install @huggingface/transformers` (or choose EMBEDDINGS_PROVIDER=hashing)',
  );
}
