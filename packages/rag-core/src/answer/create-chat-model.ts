import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { retryPolicy } from './retry-policy.js';

export const defaultChatModel = 'gpt-4o-mini';

export interface ChatModelOptions {
  readonly model?: string;
  readonly apiKey?: string;
  /** Any OpenAI-compatible endpoint: Azure OpenAI (…/openai/v1/), Ollama, vLLM, LM Studio. */
  readonly baseURL?: string;
  /** Per HTTP attempt; the asker's deadline bounds all attempts of an answer together. */
  readonly timeoutMs?: number;
  /** Retries on 429, 408 and 5xx with exponential backoff (see retryPolicy). */
  readonly maxRetries?: number;
  /** Caps each reply (short helper calls such as query rewriting); default the model's own. */
  readonly maxTokens?: number;
}

/** The chat model port: langchain's BaseChatModel, here an OpenAI-compatible client. */
export async function createChatModel(options: ChatModelOptions = {}): Promise<BaseChatModel> {
  const { ChatOpenAI } = await import('@langchain/openai');
  return new ChatOpenAI({
    model: options.model ?? defaultChatModel,
    temperature: 0,
    maxRetries: options.maxRetries ?? 2,
    onFailedAttempt: retryPolicy,
    // Usage statistics in streams are an OpenAI extension some compatible servers refuse.
    streamUsage: false,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
    configuration: options.baseURL ? { baseURL: options.baseURL } : {},
  });
}
