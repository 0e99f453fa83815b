import { type Answer, type AskRequest, answerMessages } from '@knowhow/rag-core';
import { type CommandContext, withKnowledgeBase } from '../command-context.js';
import type { Runtime } from '../open-runtime.js';
import { answerToJson, formatAnswerEnd } from '../output/format-answer.js';

export interface AskCommandOptions {
  readonly collections: readonly string[];
  readonly json: boolean;
}

/** Asks and prints the answer as it streams, then its sources or the reason it has none. */
export async function printAnswer(
  context: Pick<CommandContext, 'print' | 'write'>,
  runtime: Pick<Runtime, 'ask' | 'hasLanguageModel'>,
  request: Omit<AskRequest, 'onToken'>,
): Promise<Answer> {
  let streaming = false;
  const answer = await runtime.ask({
    ...request,
    onToken: (text) => {
      if (!streaming && !runtime.hasLanguageModel) context.print(answerMessages.excerptsLabel);
      streaming = true;
      context.write(text);
    },
  });
  // Excerpts given because the model could not be reached were not streamed: they come whole,
  // under the label that says why.
  if (!streaming && answer.status === 'excerpts') {
    context.print(answerMessages.excerptsLabelOf(answer));
    context.write(answer.text);
  }
  context.print(formatAnswerEnd(answer));
  return answer;
}

/** `knowhow ask "<question>"`: exit code 1 when the answer failed. */
export async function runAsk(
  context: CommandContext,
  question: string,
  options: AskCommandOptions,
): Promise<number> {
  return withKnowledgeBase(context, options.collections, async (runtime) => {
    const request = { question, collections: options.collections };
    const answer = options.json
      ? await runtime.ask(request)
      : await printAnswer(context, runtime, request);
    if (options.json) context.print(JSON.stringify(answerToJson(answer), null, 2));
    return answer.status === 'failed' ? 1 : 0;
  });
}
