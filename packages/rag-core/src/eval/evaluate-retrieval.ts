import type { Search, SearchMode } from '../retrieve/create-searcher.js';
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
  /** The mode the questions were searched in: `keyword` when any could not use vectors. */
  readonly mode: SearchMode;
}

/**
 * Runs every on-topic question through search and scores hit@k and MRR at document, page
 * and section level. Off-topic questions are left to `evaluateRefusals`.
 */
export async function evaluateRetrieval(
  search: Search,
  cases: readonly EvalCase[],
  options: {
    readonly ks: readonly number[];
    readonly collections?: readonly string[];
    readonly mode?: SearchMode;
  },
): Promise<RetrievalEvaluation> {
  const limit = Math.max(...options.ks);
  const results: CaseResult[] = [];
  let mode: SearchMode = options.mode ?? 'hybrid';
  for (const evalCase of cases) {
    if (evalCase.offTopic) continue;
    const found = await search(evalCase.question, {
      limit,
      ...(options.collections ? { collections: options.collections } : {}),
      ...(options.mode ? { mode: options.mode } : {}),
    });
    if (found.mode === 'keyword') mode = 'keyword';
    results.push(scoreCase(evalCase, found.hits));
  }
  return { results, metrics: summarizeRetrieval(results, options.ks), mode };
}
