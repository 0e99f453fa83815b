import type { SearchHit } from '@knowhow/rag-core';

/** The `--json` shape of a hit: stable snake_case fields for scripts. */
export function hitToJson(hit: SearchHit) {
  return {
    source: hit.source,
    title: hit.title,
    collection: hit.collection,
    page_start: hit.pageStart,
    page_end: hit.pageEnd,
    heading: hit.heading,
    url: hit.url,
    score: hit.score,
    vector_rank: hit.vectorRank,
    keyword_rank: hit.keywordRank,
    text: hit.text,
  };
}

/** Where in its document a passage is: `p. 7`, `pp. 7–8` or its heading path. */
export function describeLocation(
  hit: Pick<SearchHit, 'pageStart' | 'pageEnd' | 'heading'>,
): string | null {
  if (hit.pageStart !== null) {
    return hit.pageEnd !== null && hit.pageEnd !== hit.pageStart
      ? `pp. ${hit.pageStart}–${hit.pageEnd}`
      : `p. ${hit.pageStart}`;
  }
  return hit.heading;
}

export function formatHits(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'No passages found.';
  return hits
    .map((hit, index) => {
      const location = describeLocation(hit);
      const where = [hit.source, location].filter(Boolean).join(', ');
      const excerpt = hit.text.replace(/\s+/g, ' ').trim();
      const shortened = excerpt.length > 300 ? `${excerpt.slice(0, 297)}…` : excerpt;
      return `${index + 1}. ${hit.title} (${where})  score ${hit.score.toFixed(4)}\n   ${shortened}`;
    })
    .join('\n\n');
}
