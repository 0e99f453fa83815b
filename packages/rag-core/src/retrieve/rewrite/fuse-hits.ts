import type { SearchHit } from '../../store/knowledge-store.js';

export interface FuseOptions {
  /** Number of hits returned. */
  readonly limit: number;
  /** Reciprocal-rank constant: 60, as the store fuses its keyword and vector lists. */
  readonly k?: number;
  /** The original question's list; at least `rewriteWeight`, so a rewrite never outvotes it. */
  readonly originalWeight?: number;
  /** Each rewrite's list. */
  readonly rewriteWeight?: number;
}

/**
 * Reciprocal-rank fusion of the original question's hits with the rewrites' hits, one hit
 * per chunk. A chunk the original search found keeps that hit's fields: the relevance floor
 * reads `keywordCoverage` and `vectorDistance`, which must say how well the passage matches
 * what was asked, not what the model rephrased. A chunk only a rewrite found carries the
 * fields of the rewrite that ranked it best and `foundBy: 'rewrite'`, so the floor does not
 * take it for evidence that the question is on topic (relevantHits). `score` becomes the
 * fused score.
 */
export function fuseHits(
  original: readonly SearchHit[],
  rewrites: readonly (readonly SearchHit[])[],
  options: FuseOptions,
): SearchHit[] {
  const { limit, k = 60, originalWeight = 1, rewriteWeight = 1 } = options;
  const fused = new Map<number, { hit: SearchHit; score: number; best: number; order: number }>();
  const add = (hits: readonly SearchHit[], weight: number, fromOriginal: boolean) => {
    hits.forEach((hit, index) => {
      const share = weight / (k + index + 1);
      const seen = fused.get(hit.chunkId);
      if (!seen) {
        fused.set(hit.chunkId, { hit, score: share, best: share, order: fused.size });
        return;
      }
      seen.score += share;
      // The original's hit is added first and never replaced; among rewrites the best rank wins.
      if (!fromOriginal && !originalIds.has(hit.chunkId) && share > seen.best) {
        seen.hit = hit;
        seen.best = share;
      }
    });
  };
  const originalIds = new Set(original.map((hit) => hit.chunkId));
  add(original, originalWeight, true);
  for (const hits of rewrites) add(hits, rewriteWeight, false);
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map(({ hit, score }) =>
      originalIds.has(hit.chunkId) ? { ...hit, score } : { ...hit, score, foundBy: 'rewrite' },
    );
}
