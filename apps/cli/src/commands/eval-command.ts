import { readFile } from 'node:fs/promises';
import {
  type AnswerMetrics,
  evaluateAnswers,
  evaluateRetrieval,
  KnowhowError,
  type LevelMetrics,
  parseGroundTruth,
  type RetrievalEvaluation,
} from '@knowhow/rag-core';
import { type CommandContext, withRuntime } from '../command-context.js';
import { formatAnswerMetrics, formatEvaluation, missesOf } from '../output/format-evaluation.js';

export interface EvalCommandOptions {
  readonly ks: readonly number[];
  readonly collections: readonly string[];
  readonly json: boolean;
  readonly verbose: boolean;
}

/**
 * `knowhow eval <file.jsonl>`: hit@k and MRR at document and page level; with a language
 * model, also how often answers cite an expected source and how often they refuse.
 */
export async function runEval(
  context: CommandContext,
  file: string,
  options: EvalCommandOptions,
): Promise<number> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new KnowhowError('invalid_input', `cannot read ${file}: ${(error as Error).message}`);
  });
  const cases = parseGroundTruth(text);
  const scope = options.collections.length ? { collections: options.collections } : {};
  return withRuntime(context, 'search', async ({ search, ask, hasLanguageModel }) => {
    const evaluation = await evaluateRetrieval(search, cases, { ks: options.ks, ...scope });
    const answers = hasLanguageModel
      ? await evaluateAnswers(ask, cases, { ...scope, signal: context.stopGracefully() })
      : undefined;
    if (options.json) {
      context.print(JSON.stringify(toJson(evaluation, answers, options), null, 2));
    } else {
      context.print(formatEvaluation(evaluation, options.ks, options.verbose));
      if (answers) context.print(`\n${formatAnswerMetrics(answers)}`);
    }
    return 0;
  });
}

function toJson(
  evaluation: RetrievalEvaluation,
  answers: AnswerMetrics | undefined,
  options: EvalCommandOptions,
) {
  const level = (metrics: LevelMetrics) => ({
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
    answers: answers
      ? {
          questions: answers.questions,
          cited_expected: answers.citedExpected,
          answered: answers.answered,
          refused: answers.refused,
          other: answers.other,
          statuses: answers.statuses,
        }
      : null,
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
