import { describeError } from '../../errors.js';
import { elapsed, type Log } from '../../log-event.js';
import type { Search } from '../create-searcher.js';
import { fuseHits } from './fuse-hits.js';
import type { QueryRewriter } from './query-rewriter.js';

export interface QueryRewriteOptions {
  /** After this the question is searched alone: the model must not slow every answer. */
  readonly timeoutMs?: number;
  /** Weight of each rewrite's list in the fusion; the original's is 1. At most 1. */
  readonly rewriteWeight?: number;
}

/**
 * Search the question and what the model rewrote it into, fused by reciprocal rank. The
 * question's search starts at once, beside the model call; the rewrites are searched in
 * parallel when it answers. A failed or slow model, or a failed rewrite search, leaves the
 * question's own hits: rewriting can cost quality, never an answer.
 */
export function withQueryRewrite(
  search: Search,
  rewriter: QueryRewriter,
  options: QueryRewriteOptions & { readonly log?: Log } = {},
): Search {
  const { timeoutMs = 2500, log } = options;
  const rewriteWeight = Math.min(options.rewriteWeight ?? 1, 1);
  return async (query, searchOptions = {}) => {
    // A keyword-only search has no use for a passage written to be embedded.
    if (rewriter.mode === 'hyde' && searchOptions.mode === 'keyword') {
      return search(query, searchOptions);
    }
    const started = performance.now();
    const original = search(query, searchOptions);
    // Awaited below; until then a rejection must not count as unhandled.
    original.catch(() => undefined);
    let texts: string[];
    try {
      texts = await rewriter.rewrite(query, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      log?.({
        type: 'rewrite.failed',
        mode: rewriter.mode,
        error: describeError(error),
        durationMs: elapsed(started),
      });
      return original;
    }
    // The question was searched by keywords (no vectors): so would the passage be.
    if (rewriter.mode === 'hyde' && (await original).mode === 'keyword') return original;
    const searches = await Promise.allSettled(
      texts.map((text) =>
        search(text, { ...searchOptions, ...(rewriter.mode === 'hyde' ? { mode: 'vector' } : {}) }),
      ),
    );
    const base = await original;
    const lists = searches.flatMap((settled) =>
      settled.status === 'fulfilled' &&
      // Without vectors a passage would be searched by words the model made up.
      (rewriter.mode === 'multi' || settled.value.mode === 'vector')
        ? [settled.value.hits]
        : [],
    );
    log?.({
      type: 'rewrite',
      mode: rewriter.mode,
      queries: lists.length,
      durationMs: elapsed(started),
    });
    if (lists.length === 0) return base;
    const hits = fuseHits(base.hits, lists, { limit: searchOptions.limit ?? 10, rewriteWeight });
    return { ...base, hits };
  };
}
