import type { Ask } from '../answer/create-asker.js';
import type { AnswerStatus } from '../answer/answer.js';
import type { EvalCase } from './ground-truth.js';
import { matchesSource } from './score-retrieval.js';

export interface AnswerMetrics {
  readonly questions: number;
  /** Share of questions whose answer cites at least one expected source (document level). */
  readonly citedExpected: number;
  /** Shares by outcome: answered with citations, refused (not found), anything else. */
  readonly answered: number;
  readonly refused: number;
  readonly other: number;
  readonly statuses: Readonly<Partial<Record<AnswerStatus, number>>>;
}

/** Asks every question and measures whether the answers cite where the truth is. */
export async function evaluateAnswers(
  ask: Ask,
  cases: readonly EvalCase[],
  options: { readonly collections?: readonly string[]; readonly signal?: AbortSignal } = {},
): Promise<AnswerMetrics> {
  let cited = 0;
  let asked = 0;
  const statuses: Partial<Record<AnswerStatus, number>> = {};
  for (const evalCase of cases) {
    if (options.signal?.aborted) break;
    if (evalCase.offTopic) continue;
    const answer = await ask({
      question: evalCase.question,
      ...(options.collections ? { collections: options.collections } : {}),
    });
    asked += 1;
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    const hit = answer.citations.some((citation) =>
      evalCase.expected.some((expected) => matchesSource(citation.source, expected.source)),
    );
    if (hit) cited += 1;
  }
  const share = (count: number) => (asked === 0 ? 0 : count / asked);
  const answered = statuses.answered ?? 0;
  const refused = statuses.not_found ?? 0;
  return {
    questions: asked,
    citedExpected: share(cited),
    answered: share(answered),
    refused: share(refused),
    other: share(asked - answered - refused),
    statuses,
  };
}
