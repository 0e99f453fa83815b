import { readFile } from 'node:fs/promises';
import {
  type AnswerMetrics,
  type EvalCase,
  evaluateAnswers,
  evaluateRefusals,
  evaluateRetrieval,
  KnowhowError,
  type LevelMetrics,
  parseGroundTruth,
  type RefusalMetrics,
  type RetrievalEvaluation,
  type SearchMode,
} from '@knowhow/rag-core';
import { type CommandContext, withKnowledgeBase } from '../command-context.js';
import {
  formatAnswerMetrics,
  formatEvaluation,
  formatRefusals,
  missesOf,
} from '../output/format-evaluation.js';

export interface EvalCommandOptions {
  readonly ks: readonly number[];
  readonly mode: SearchMode;
  readonly collections: readonly string[];
  readonly json: boolean;
  readonly verbose: boolean;
}

/**
 * `knowhow eval <file.jsonl>…`: hit@k and MRR at document, page and section level; how often
 * off-topic questions get `not_found` (and on-topic ones wrongly do); with a language model,
 * also how often answers cite an expected source.
 */
export async function runEval(
  context: CommandContext,
  files: readonly string[],
  options: EvalCommandOptions,
): Promise<number> {
  const cases: EvalCase[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new KnowhowError('invalid_input', `cannot read ${file}: ${(error as Error).message}`);
    });
    cases.push(...parseGroundTruth(text));
  }
  const scope = options.collections.length ? { collections: options.collections } : {};
  return withKnowledgeBase(
    context,
    options.collections,
    async ({ search, ask, hasLanguageModel }) => {
      const evaluation = await evaluateRetrieval(search, cases, {
        ks: options.ks,
        mode: options.mode,
        ...scope,
      });
      const signal = context.stopGracefully();
      // Without a model, asking is retrieval plus the relevance floor: cheap for every question.
      // With one, on-topic answers are measured by citations and only off-topic ones asked here.
      const refusals = await evaluateRefusals(
        ask,
        hasLanguageModel ? cases.filter((evalCase) => evalCase.offTopic) : cases,
        { ...scope, signal },
      );
      const answers = hasLanguageModel
        ? await evaluateAnswers(ask, cases, { ...scope, signal })
        : undefined;
      if (options.json) {
        context.print(JSON.stringify(toJson(evaluation, refusals, answers, options), null, 2));
      } else {
        context.print(formatEvaluation(evaluation, options.ks, options.verbose));
        context.print(`\n${formatRefusals(refusals)}`);
        if (answers) context.print(`\n${formatAnswerMetrics(answers)}`);
      }
      return 0;
    },
  );
}

function toJson(
  evaluation: RetrievalEvaluation,
  refusals: RefusalMetrics,
  answers: AnswerMetrics | undefined,
  options: EvalCommandOptions,
) {
  const level = (metrics: LevelMetrics | undefined) =>
    metrics
      ? {
          questions: metrics.questions,
          ...Object.fromEntries(options.ks.map((k) => [`hit@${k}`, metrics.hitAt.get(k) ?? 0])),
          ...Object.fromEntries(options.ks.map((k) => [`mrr@${k}`, metrics.mrrAt.get(k) ?? 0])),
          mrr: metrics.mrr,
        }
      : null;
  const maxK = Math.max(...options.ks);
  return {
    questions: evaluation.results.length,
    mode: evaluation.mode,
    document: level(evaluation.metrics.document),
    page: level(evaluation.metrics.page),
    section: level(evaluation.metrics.section),
    not_found: {
      off_topic: refusals.offTopic,
      on_topic: refusals.onTopic,
      wrong_lines: refusals.wrong,
    },
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
