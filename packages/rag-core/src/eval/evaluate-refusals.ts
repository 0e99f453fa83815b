import type { Ask } from '../answer/create-asker.js';
import type { EvalCase } from './ground-truth.js';

export interface RefusalCount {
  readonly questions: number;
  /** Share answered `not_found`. */
  readonly refused: number;
}

export interface RefusalMetrics {
  /** Questions the knowledge base does not answer: every one should be refused. */
  readonly offTopic: RefusalCount;
  /** Questions it answers: none should be refused. */
  readonly onTopic: RefusalCount;
  /** Lines of the off-topic questions that were answered, and of on-topic ones refused. */
  readonly wrong: readonly number[];
}

/**
 * Asks each question and checks the relevance floor's decision: off-topic questions must get
 * `not_found`, on-topic ones must not. Without a language model this is the floor alone.
 */
export async function evaluateRefusals(
  ask: Ask,
  cases: readonly EvalCase[],
  options: { readonly collections?: readonly string[]; readonly signal?: AbortSignal } = {},
): Promise<RefusalMetrics> {
  const counts = { offTopic: [0, 0], onTopic: [0, 0] };
  const wrong: number[] = [];
  for (const evalCase of cases) {
    if (options.signal?.aborted) break;
    const answer = await ask({
      question: evalCase.question,
      ...(options.collections ? { collections: options.collections } : {}),
    });
    const refused = answer.status === 'not_found';
    const count = evalCase.offTopic ? counts.offTopic : counts.onTopic;
    count[0] = (count[0] ?? 0) + 1;
    if (refused) count[1] = (count[1] ?? 0) + 1;
    if (refused !== evalCase.offTopic) wrong.push(evalCase.line);
  }
  const summary = ([questions = 0, refused = 0]: number[]): RefusalCount => ({
    questions,
    refused: questions === 0 ? 0 : refused / questions,
  });
  return { offTopic: summary(counts.offTopic), onTopic: summary(counts.onTopic), wrong };
}
