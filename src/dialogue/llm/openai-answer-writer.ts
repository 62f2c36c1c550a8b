import { ChatOpenAI } from '@langchain/openai';
import type { AppConfig } from '../../config.js';
import type { AnswerWriter } from './answer-writer.js';
import { createLangchainAnswerWriter } from './langchain-answer-writer.js';

/**
 * The writer for LLM_PROVIDER=openai: any OpenAI-compatible chat endpoint (OpenAI, Azure OpenAI, vLLM,
 * Ollama). Imported only when configured, so the OpenAI client is not loaded otherwise.
 */
export function createOpenAiAnswerWriter(config: AppConfig): AnswerWriter {
  if (!config.LLM_MODEL) throw new Error('LLM_PROVIDER=openai needs LLM_MODEL');
  const model = new ChatOpenAI({
    model: config.LLM_MODEL,
    // Local OpenAI-compatible servers often need no key, but the client insists on one.
    apiKey: config.LLM_API_KEY ?? 'not-needed',
    configuration: config.LLM_BASE_URL ? { baseURL: config.LLM_BASE_URL } : undefined,
    temperature: 0,
    // One try within the timeout: a retry would only make the citizen wait for the composed answer.
    maxRetries: 0,
    timeout: config.LLM_TIMEOUT_MS,
  });
  return createLangchainAnswerWriter({ model, timeoutMs: config.LLM_TIMEOUT_MS });
}
