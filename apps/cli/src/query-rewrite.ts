import {
  createChatModel,
  createQueryRewriter,
  type Log,
  type Search,
  withQueryRewrite,
} from '@knowhow/rag-core';
import type { Environment } from './env.js';

/** The rewrite's time budget: past it the question is searched alone. */
export const rewriteTimeoutMs = 2500;

/**
 * The searcher with KNOWHOW_QUERY_REWRITE applied. Without a language model there is nothing
 * to rewrite with and the search is returned untouched, as the `llm` reranker is skipped;
 * `hyde` likewise without vectors (`vectors: false`).
 * The rewrite has its own client: replies capped at 160 tokens (3 short queries, or the
 * 80-word passage), no retries, which could not fit the budget anyway.
 */
export async function withConfiguredRewrite(
  search: Search,
  env: Pick<
    Environment,
    | 'KNOWHOW_QUERY_REWRITE'
    | 'KNOWHOW_LLM'
    | 'KNOWHOW_CHAT_MODEL'
    | 'OPENAI_API_KEY'
    | 'OPENAI_BASE_URL'
  >,
  options: { readonly log?: Log; readonly vectors?: boolean } = {},
): Promise<Search> {
  const { log, vectors = true } = options;
  const mode = env.KNOWHOW_QUERY_REWRITE;
  if (mode === 'none' || env.KNOWHOW_LLM !== 'openai') return search;
  // A hypothetical passage is only searched by its vector: keyword-only, it would cost a model
  // call per question for nothing.
  if (mode === 'hyde' && !vectors) return search;
  const chatModel = await createChatModel({
    ...(env.KNOWHOW_CHAT_MODEL ? { model: env.KNOWHOW_CHAT_MODEL } : {}),
    apiKey: env.OPENAI_API_KEY ?? 'not-needed',
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    timeoutMs: rewriteTimeoutMs,
    maxRetries: 0,
    maxTokens: 160,
  });
  return withQueryRewrite(search, createQueryRewriter(chatModel, mode), {
    timeoutMs: rewriteTimeoutMs,
    ...(log ? { log } : {}),
  });
}
