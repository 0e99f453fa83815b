import { readFile } from 'node:fs/promises';
import {
  createSearcher,
  evaluateRetrieval,
  KnowhowError,
  parseGroundTruth,
} from '@knowhow/rag-core';
import { type CommandContext, withRuntime } from '../command-context.js';
import { formatEvaluation, missesOf } from '../output/format-evaluation.js';

export interface EvalCommandOptions {
  readonly ks: readonly number[];
  readonly collections: readonly string[];
  readonly json: boolean;
  readonly verbose: boolean;
}

/** `knowhow eval <file.jsonl>`: hit@k and MRR at document and page level. */
export async function runEval(
  context: CommandContext,
  file: string,
  options: EvalCommandOptions,
): Promise<number> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new KnowhowError('invalid_input', `cannot read ${file}: ${(error as Error).message}`);
  });
  const cases = parseGroundTruth(text);
  return withRuntime(context, 'search', async ({ store, embedder, log }) => {
    const search = createSearcher({ store, log, ...(embedder ? { embedder } : {}) });
    const evaluation = await evaluateRetrieval(search, cases, {
      ks: options.ks,
      ...(options.collections.length ? { collections: options.collections } : {}),
    });
    context.print(
      options.json
        ? JSON.stringify(toJson(evaluation, options), null, 2)
        : formatEvaluation(evaluation, options.ks, options.verbose),
    );
    return 0;
  });
}

function toJson(
  evaluation: Awaited<ReturnType<typeof evaluateRetrieval>>,
  options: EvalCommandOptions,
) {
  const level = (metrics: {
    questions: number;
    hitAt: ReadonlyMap<number, number>;
    mrr: number;
  }) => ({
    questions: metrics.questions,
    ...Object.fromEntries(options.ks.map((k) => [`hit@${k}`, metrics.hitAt.get(k) ?? 0])),
    mrr: metrics.mrr,
  });
  const maxK = Math.max(...options.ks);
  return {
    questions: evaluation.results.length,
    mode: evaluation.mode,
    document: level(evaluation.metrics.document),
    page: evaluation.metrics.page ? level(evaluation.metrics.page) : null,
    ...(options.verbose
      ? {
          misses: missesOf(evaluation.results, maxK).map((miss) => ({
            line: miss.evalCase.line,
            question: miss.evalCase.question,
            expected: miss.evalCase.expected,
            got: miss.passages.slice(0, 3),
          })),
        }
      : {}),
  };
}
