import type { EvalCase, ExpectedSource } from './ground-truth.js';

export interface RetrievedPassage {
  readonly source: string;
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
}

export interface CaseResult {
  readonly evalCase: EvalCase;
  readonly passages: readonly RetrievedPassage[];
  /** 1-based rank of the first passage from an expected document, null when none. */
  readonly documentRank: number | null;
  /** 1-based rank of the first passage on an expected page (±1), null when none or no pages given. */
  readonly pageRank: number | null;
}

export interface LevelMetrics {
  /** Questions scored at this level. */
  readonly questions: number;
  /** Share of questions with a hit within the top k, by k. */
  readonly hitAt: ReadonlyMap<number, number>;
  /** Mean reciprocal rank within the largest k. */
  readonly mrr: number;
}

export interface RetrievalMetrics {
  readonly document: LevelMetrics;
  /** Absent when no question names a page. */
  readonly page?: LevelMetrics;
}

/** A passage's source names the expected file when equal, or when it ends with it as a path. */
export function matchesSource(passageSource: string, expected: string): boolean {
  const source = passageSource.toLowerCase();
  const wanted = expected.toLowerCase().replace(/^\.?\//, '');
  return source === wanted || source.endsWith(`/${wanted}`);
}

// Answers often straddle a page break, so a passage within one page of the cited page counts.
function coversPage(passage: RetrievedPassage, expected: ExpectedSource): boolean {
  if (expected.page === null || passage.pageStart === null) return false;
  const end = passage.pageEnd ?? passage.pageStart;
  return passage.pageStart - 1 <= expected.page && expected.page <= end + 1;
}

export function scoreCase(evalCase: EvalCase, passages: readonly RetrievedPassage[]): CaseResult {
  const rankOf = (hit: (passage: RetrievedPassage, expected: ExpectedSource) => boolean) => {
    const index = passages.findIndex((passage) =>
      evalCase.expected.some((expected) => hit(passage, expected)),
    );
    return index < 0 ? null : index + 1;
  };
  const documentRank = rankOf((passage, expected) =>
    matchesSource(passage.source, expected.source),
  );
  const hasPages = evalCase.expected.some((expected) => expected.page !== null);
  const pageRank = hasPages
    ? rankOf(
        (passage, expected) =>
          matchesSource(passage.source, expected.source) && coversPage(passage, expected),
      )
    : null;
  return { evalCase, passages, documentRank, pageRank };
}

export function summarizeRetrieval(
  results: readonly CaseResult[],
  ks: readonly number[],
): RetrievalMetrics {
  const document = levelMetrics(
    results.map((result) => result.documentRank),
    ks,
  );
  const paged = results.filter((result) =>
    result.evalCase.expected.some((expected) => expected.page !== null),
  );
  return paged.length > 0
    ? {
        document,
        page: levelMetrics(
          paged.map((result) => result.pageRank),
          ks,
        ),
      }
    : { document };
}

function levelMetrics(ranks: readonly (number | null)[], ks: readonly number[]): LevelMetrics {
  const maxK = Math.max(...ks);
  const hitAt = new Map(
    ks.map((k) => [
      k,
      share(ranks.filter((rank) => rank !== null && rank <= k).length, ranks.length),
    ]),
  );
  const reciprocal = ranks.reduce<number>(
    (sum, rank) => sum + (rank !== null && rank <= maxK ? 1 / rank : 0),
    0,
  );
  return { questions: ranks.length, hitAt, mrr: share(reciprocal, ranks.length) };
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
