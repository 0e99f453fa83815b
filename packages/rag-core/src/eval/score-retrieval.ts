import type { EvalCase, ExpectedSource } from './ground-truth.js';

export interface RetrievedPassage {
  readonly source: string;
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
  /** Heading path such as `Leave > Vacation`, for structured formats. */
  readonly heading: string | null;
}

export interface CaseResult {
  readonly evalCase: EvalCase;
  readonly passages: readonly RetrievedPassage[];
  /** 1-based rank of the first passage from an expected document, null when none. */
  readonly documentRank: number | null;
  /** 1-based rank of the first passage on an expected page (±1), null when none or no pages given. */
  readonly pageRank: number | null;
  /** 1-based rank of the first passage in an expected section, null when none or no sections given. */
  readonly sectionRank: number | null;
}

export interface LevelMetrics {
  /** Questions scored at this level. */
  readonly questions: number;
  /** Share of questions with a hit within the top k, by k. */
  readonly hitAt: ReadonlyMap<number, number>;
  /** Mean reciprocal rank within the top k, by k. */
  readonly mrrAt: ReadonlyMap<number, number>;
  /** Mean reciprocal rank within the largest k. */
  readonly mrr: number;
}

export type Level = 'document' | 'page' | 'section';

export interface RetrievalMetrics {
  readonly document: LevelMetrics;
  /** Absent when no question names a page. */
  readonly page?: LevelMetrics;
  /** Absent when no question names a section. */
  readonly section?: LevelMetrics;
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

const normalise = (heading: string) => heading.replace(/\s+/g, ' ').trim().toLowerCase();

// A passage of the expected section or of one of its subsections: its heading path names it.
function inSection(passage: RetrievedPassage, expected: ExpectedSource): boolean {
  if (expected.section === null || passage.heading === null) return false;
  const wanted = normalise(expected.section);
  return passage.heading.split(' > ').some((heading) => normalise(heading) === wanted);
}

export function scoreCase(evalCase: EvalCase, passages: readonly RetrievedPassage[]): CaseResult {
  const rankOf = (hit: (passage: RetrievedPassage, expected: ExpectedSource) => boolean) => {
    const index = passages.findIndex((passage) =>
      evalCase.expected.some(
        (expected) => matchesSource(passage.source, expected.source) && hit(passage, expected),
      ),
    );
    return index < 0 ? null : index + 1;
  };
  const names = (field: 'page' | 'section') =>
    evalCase.expected.some((expected) => expected[field] !== null);
  return {
    evalCase,
    passages,
    documentRank: rankOf(() => true),
    pageRank: names('page') ? rankOf(coversPage) : null,
    sectionRank: names('section') ? rankOf(inSection) : null,
  };
}

export function summarizeRetrieval(
  results: readonly CaseResult[],
  ks: readonly number[],
): RetrievalMetrics {
  const scored = results.filter((result) => !result.evalCase.offTopic);
  const level = (field: 'page' | 'section') => {
    const named = scored.filter((result) =>
      result.evalCase.expected.some((expected) => expected[field] !== null),
    );
    const rank = field === 'page' ? 'pageRank' : 'sectionRank';
    return named.length > 0
      ? levelMetrics(
          named.map((result) => result[rank]),
          ks,
        )
      : undefined;
  };
  const page = level('page');
  const section = level('section');
  return {
    document: levelMetrics(
      scored.map((result) => result.documentRank),
      ks,
    ),
    ...(page ? { page } : {}),
    ...(section ? { section } : {}),
  };
}

function levelMetrics(ranks: readonly (number | null)[], ks: readonly number[]): LevelMetrics {
  const within = (k: number) => ranks.filter((rank) => rank !== null && rank <= k) as number[];
  const hitAt = new Map(ks.map((k) => [k, share(within(k).length, ranks.length)]));
  const mrrAt = new Map(
    ks.map((k) => [
      k,
      share(
        within(k).reduce((sum, rank) => sum + 1 / rank, 0),
        ranks.length,
      ),
    ]),
  );
  return { questions: ranks.length, hitAt, mrrAt, mrr: mrrAt.get(Math.max(...ks)) ?? 0 };
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
