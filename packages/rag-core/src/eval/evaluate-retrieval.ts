import type { Search } from '../retrieve/create-searcher.js';
import type { EvalCase } from './ground-truth.js';
import {
  type CaseResult,
  type RetrievalMetrics,
  scoreCase,
  summarizeRetrieval,
} from './score-retrieval.js';

export interface RetrievalEvaluation {
  readonly results: CaseResult[];
  readonly metrics: RetrievalMetrics;
  /** `keyword` when any question was answered without vectors. */
  readonly mode: 'hybrid' | 'keyword';
}

/** Runs every question through search and scores hit@k and MRR at document and page level. */
export async function evaluateRetrieval(
  search: Search,
  cases: readonly EvalCase[],
  options: { readonly ks: readonly number[]; readonly collections?: readonly string[] },
): Promise<RetrievalEvaluation> {
  const limit = Math.max(...options.ks);
  const results: CaseResult[] = [];
  let mode: 'hybrid' | 'keyword' = 'hybrid';
  for (const evalCase of cases) {
    const found = await search(evalCase.question, {
      limit,
      ...(options.collections ? { collections: options.collections } : {}),
    });
    if (found.mode === 'keyword') mode = 'keyword';
    results.push(scoreCase(evalCase, found.hits));
  }
  return { results, metrics: summarizeRetrieval(results, options.ks), mode };
}
