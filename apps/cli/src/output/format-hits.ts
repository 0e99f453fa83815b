import { describeLocation, type SearchHit } from '@knowhow/rag-core';
import { printable } from './printable.js';

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

/** Up to `length` characters of a passage, starting shortly before the first query word in it. */
export function excerpt(text: string, query: string, length = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const lower = flat.toLowerCase();
  const words = query.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  const first = Math.min(...words.map((word) => lower.indexOf(word)).filter((index) => index >= 0));
  const start =
    Number.isFinite(first) && first > length / 2 ? Math.min(first - 60, flat.length - length) : 0;
  const from = start > 0 ? flat.indexOf(' ', start) + 1 : 0;
  const body = flat.slice(from, from + length - 2).trimEnd();
  return `${from > 0 ? '…' : ''}${body}${from + length - 2 < flat.length ? '…' : ''}`;
}

export function formatHits(hits: readonly SearchHit[], query = ''): string {
  if (hits.length === 0) return 'No passages found.';
  return hits
    .map((hit, index) => {
      const where = [hit.source, describeLocation(hit)]
        .filter((part): part is string => Boolean(part))
        .map(printable)
        .join(', ');
      return `${index + 1}. ${printable(hit.title)} (${where})  score ${hit.score.toFixed(4)}\n   ${excerpt(hit.text, query)}`;
    })
    .join('\n\n');
}
