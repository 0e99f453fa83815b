import { describeError } from '../../errors.js';
import { elapsed, type Log } from '../../log-event.js';
import type { Search } from '../create-searcher.js';
import type { Reranker } from './reranker.js';

export interface RerankingOptions {
  /** Fused candidates the reranker orders (20–50). */
  readonly candidates?: number;
  /** After this the fused order is kept. */
  readonly timeoutMs?: number;
}

/**
 * Search, then a reranker over the top fused candidates. Any failure or timeout keeps the
 * fused order, so a reranker outage costs quality, never an answer.
 */
export function withReranking(
  search: Search,
  reranker: Reranker,
  options: RerankingOptions & { readonly log?: Log } = {},
): Search {
  const { candidates = 30, timeoutMs = 3000, log } = options;
  return async (query, searchOptions = {}) => {
    const limit = searchOptions.limit ?? 10;
    const result = await search(query, {
      ...searchOptions,
      limit: Math.max(limit, Math.min(candidates, 100)),
    });
    const hits = result.hits;
    if (hits.length < 2) return { ...result, hits: hits.slice(0, limit) };
    const started = performance.now();
    try {
      const order = await reranker.rerank(
        query,
        hits.map((hit) => (hit.heading ? `${hit.heading}\n${hit.text}` : hit.text)),
        { signal: AbortSignal.timeout(timeoutMs) },
      );
      const named = [...new Set(order.filter((index) => index >= 0 && index < hits.length))];
      const rest = hits.map((_, index) => index).filter((index) => !named.includes(index));
      const reranked = [...named, ...rest].flatMap((index) => hits[index] ?? []);
      log?.({
        type: 'rerank',
        reranker: reranker.name,
        candidates: hits.length,
        durationMs: elapsed(started),
      });
      return { ...result, hits: reranked.slice(0, limit) };
    } catch (error) {
      log?.({
        type: 'rerank.failed',
        reranker: reranker.name,
        error: describeError(error),
        durationMs: elapsed(started),
      });
      return { ...result, hits: hits.slice(0, limit) };
    }
  };
}
