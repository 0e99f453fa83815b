import { countTokens } from '../ingest/chunk/count-tokens.js';
import type { SearchHit } from '../store/knowledge-store.js';
import { joinedPageBreaks, pagesOf } from './page-range.js';

/** A numbered source of the context: one passage, or neighbouring passages merged. */
export interface SourcePassage {
  readonly n: number;
  readonly title: string;
  readonly source: string;
  readonly collection: string;
  readonly url: string | null;
  readonly heading: string | null;
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
  /** Where in `text` each later page begins (see PagedText); absent: one page or not known. */
  readonly pageBreaks?: readonly number[];
  readonly text: string;
}

export interface RelevanceFloor {
  /** Keyword-only search: a hit must contain this share of the question's word weight (IDF). */
  readonly minKeywordCoverage: number;
  /** The same when vectors ranked too: meaning can vouch for a hit, so words must say more. */
  readonly minKeywordCoverageWithVectors: number;
  /** A vector hit must be at most this cosine distance from the question. */
  readonly maxVectorDistance: number;
}

// Keyword-only, measured on contoso and the sample handbook: the best passage for an on-topic
// question covers 0.4 or more of its word weight, a follow-up made standalone (words of two
// turns) about 0.35, off-topic questions mostly less. With MiniLM vectors, measured on contoso,
// the TTS handbook and 30 off-topic questions (docs/benchmarks.md): coverage 0.6 or distance
// 0.6 refused every off-topic question and 0 / 2 of 113 on-topic ones; the keyword-only floor
// with distance 0.35 let 20–40% of off-topic questions through and refused 14% of the
// handbook's paraphrased ones. Questions that pass wrongly still meet the model's instruction
// to refuse what the sources don't say.
export const defaultRelevanceFloor: RelevanceFloor = {
  minKeywordCoverage: 0.3,
  minKeywordCoverageWithVectors: 0.6,
  maxVectorDistance: 0.6,
};

/** `withVectors`: the search ranked by vectors too (hits carry distances). */
export function isRelevant(hit: SearchHit, floor: RelevanceFloor, withVectors = false): boolean {
  const coverage = withVectors ? floor.minKeywordCoverageWithVectors : floor.minKeywordCoverage;
  const byKeywords = (hit.keywordCoverage ?? 0) >= coverage;
  const byMeaning = hit.vectorDistance !== null && hit.vectorDistance <= floor.maxVectorDistance;
  return byKeywords || byMeaning;
}

/**
 * The hits that pass the floor, judged by what was asked. The question is admitted only when
 * one of its own search's hits passes; a hit only a rewrite found (`foundBy: 'rewrite'`) is
 * then kept if it passes on its own fields too, never on the question's word. Otherwise a
 * two-word rewrite ("annual leave") or an invented passage, which reads like company prose,
 * would let any off-topic question through on what the model wrote. Whether the search ranked
 * by vectors is also read from the question's hits.
 */
export function relevantHits(hits: readonly SearchHit[], floor: RelevanceFloor): SearchHit[] {
  const asked = hits.filter((hit) => hit.foundBy !== 'rewrite');
  const withVectors = asked.some((hit) => hit.vectorDistance !== null);
  const kept = hits.filter((hit) => isRelevant(hit, floor, withVectors));
  return kept.some((hit) => hit.foundBy !== 'rewrite') ? kept : [];
}

/**
 * Numbers the hits as sources [1]..[n] in rank order, within a token budget. Passages that
 * are neighbours in one document become one source, their overlap removed, so the model
 * reads each sentence once.
 */
export function buildSources(
  hits: readonly SearchHit[],
  options: { readonly tokenBudget: number; readonly maxSources: number },
): SourcePassage[] {
  const sources: SourcePassage[] = [];
  let tokens = 0;
  for (const run of neighbourRuns(hits)) {
    if (sources.length >= options.maxSources) break;
    const first = run[0];
    if (!first) continue;
    const joined = joinPassagesAt(run.map((hit) => hit.text));
    let text = joined.text;
    // How much of the joined text the source keeps (a truncated one adds an ellipsis).
    let keptLength = text.length;
    const cost = storedTokens(run) ?? countTokens(text);
    if (tokens + cost > options.tokenBudget) {
      if (sources.length > 0) continue;
      keptLength = truncatedLength(text, options.tokenBudget);
      text = `${text.slice(0, keptLength)}…`;
    }
    tokens += Math.min(cost, options.tokenBudget);
    const pages = run
      .flatMap((hit) => [hit.pageStart, hit.pageEnd])
      .filter((page) => page !== null);
    const whole = {
      pageStart: pages.length > 0 ? Math.min(...pages) : null,
      pageEnd: pages.length > 0 ? Math.max(...pages) : null,
    };
    const breaks = joinedPageBreaks(
      run.map((hit, index) => ({ offset: joined.offsets[index] ?? 0, place: hit })),
      whole.pageStart,
      whole.pageEnd,
    );
    // A truncated source is cited by the pages of the text that was kept: not by a page that
    // begins where it was cut, under the ellipsis.
    const kept = pagesOf({ ...whole, pageBreaks: breaks }, 0, keptLength);
    const keptBreaks = breaks?.slice(0, (kept.pageEnd ?? 0) - (kept.pageStart ?? 0)) ?? [];
    sources.push({
      n: sources.length + 1,
      title: first.title,
      source: first.source,
      collection: first.collection,
      url: first.url,
      heading: first.heading,
      ...kept,
      ...(keptBreaks.length > 0 ? { pageBreaks: keptBreaks } : {}),
      text,
    });
  }
  return sources;
}

/**
 * The passages' token counts as the store measured them: no tokenizer to load for an answer
 * (loading cl100k costs a cold `knowhow ask` ~0.3 s). Merged neighbours' overlap is counted
 * twice, so the budget errs on the safe side.
 */
function storedTokens(run: readonly SearchHit[]): number | undefined {
  let total = 0;
  for (const hit of run) {
    if (hit.tokenCount === undefined) return undefined;
    total += hit.tokenCount;
  }
  return total;
}

/** Hits grouped into runs of consecutive passages of one document, best-ranked run first. */
function neighbourRuns(hits: readonly SearchHit[]): SearchHit[][] {
  const byDocument = new Map<number, { hit: SearchHit; rank: number }[]>();
  hits.forEach((hit, rank) => {
    const list = byDocument.get(hit.documentId) ?? [];
    if (!list.some((entry) => entry.hit.ordinal === hit.ordinal)) list.push({ hit, rank });
    byDocument.set(hit.documentId, list);
  });
  const runs: { hits: SearchHit[]; rank: number }[] = [];
  for (const list of byDocument.values()) {
    list.sort((a, b) => a.hit.ordinal - b.hit.ordinal);
    let current: { hits: SearchHit[]; rank: number } | undefined;
    for (const { hit, rank } of list) {
      const last = current?.hits.at(-1);
      if (
        current &&
        last &&
        hit.ordinal === last.ordinal + 1 &&
        hit.heading === last.heading &&
        inPageOrder(last, hit) &&
        withinTwoPages([...current.hits, hit])
      ) {
        current.hits.push(hit);
        current.rank = Math.min(current.rank, rank);
      } else {
        current = { hits: [hit], rank };
        runs.push(current);
      }
    }
  }
  return runs.sort((a, b) => a.rank - b.rank).map((run) => run.hits);
}

/**
 * Merged neighbours must still cite exactly: a source is one section (neighbours under another
 * heading are sources of their own, so a parental-leave sentence is never cited as "Sick
 * leave") and spans at most two pages (a paragraph over a page break), never "pp. 1–3" for a
 * fact on page 1.
 */
function withinTwoPages(run: readonly SearchHit[]): boolean {
  const pages = run.flatMap((hit) => [hit.pageStart, hit.pageEnd]).filter((page) => page !== null);
  return pages.length === 0 || Math.max(...pages) - Math.min(...pages) <= 1;
}

/**
 * A passage that starts on an earlier page than the one before it (the splitter's overlap
 * reaching back over a short page) is not merged: the joined text's pages would not rise with
 * its offsets, and citations of it would name the wrong page.
 */
function inPageOrder(last: SearchHit, next: SearchHit): boolean {
  return last.pageStart === null || next.pageStart === null || next.pageStart >= last.pageStart;
}

/** Joins consecutive passages, dropping the text the splitter repeated at their seam. */
export function joinPassages(texts: readonly string[]): string {
  return joinPassagesAt(texts).text;
}

/** joinPassages, with the offset in the joined text where each passage starts. */
function joinPassagesAt(texts: readonly string[]): { text: string; offsets: number[] } {
  let joined = '';
  const offsets: number[] = [];
  for (const next of texts) {
    offsets.push(joined ? seam(joined, next) : 0);
    const start = offsets.at(-1) ?? 0;
    if (start >= joined.length) joined = joined ? `${joined}\n\n${next}` : next;
    else joined = `${joined.slice(0, start)}${next}`;
  }
  return { text: joined, offsets };
}

/**
 * Where `next` starts in `joined`: at the longest end of `joined` it starts with (the overlap
 * is a few hundred characters), else after a blank line.
 */
function seam(joined: string, next: string): number {
  const tailStart = Math.max(0, joined.length - 4000);
  const tail = joined.slice(tailStart);
  const probe = next.slice(0, 20);
  for (let index = tail.indexOf(probe); index !== -1; index = tail.indexOf(probe, index + 1)) {
    if (next.startsWith(tail.slice(index))) return tailStart + index;
  }
  return joined.length + 2;
}

/** How many of the text's characters fit the budget. */
function truncatedLength(text: string, budget: number): number {
  let end = text.length;
  while (end > 0 && countTokens(text.slice(0, end)) > budget) end = Math.floor(end * 0.9);
  return end;
}
