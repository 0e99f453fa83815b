import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { describeError } from '../errors.js';
import type { FailureReason } from './answer.js';
import {
  answerSystemPrompt,
  answerUserPrompt,
  newBoundary,
  notFoundSentence,
} from './answer-prompt.js';
import type { SourcePassage } from './build-sources.js';
import { createCitationFilter } from './citation-filter.js';
import { classifyModelFailure } from './classify-failure.js';

export type Generation =
  | {
      readonly outcome: 'answered' | 'uncited' | 'refused';
      readonly text: string;
      readonly cited: number[];
    }
  | {
      readonly outcome: 'failed';
      readonly reason: FailureReason;
      readonly error: string;
      readonly text: string;
    };

/**
 * Streams the model's answer from the numbered sources through the citation filter, so what
 * the caller receives is already the final text, and tells what came of it.
 */
export async function generateAnswer(
  chatModel: BaseChatModel,
  question: string,
  sources: readonly SourcePassage[],
  options: {
    readonly emit: (text: string) => void;
    readonly deadline: AbortSignal;
    readonly cancel?: AbortSignal;
  },
): Promise<Generation> {
  const boundary = newBoundary();
  const filter = createCitationFilter(sources.length);
  const signal = options.cancel
    ? AbortSignal.any([options.cancel, options.deadline])
    : options.deadline;
  let text = '';
  const take = (piece: string) => {
    text += piece;
    options.emit(piece);
  };
  try {
    const stream = await chatModel.stream(
      [
        ['system', answerSystemPrompt(boundary)],
        ['user', answerUserPrompt(question, sources, boundary)],
      ],
      { signal },
    );
    for await (const chunk of stream)
      take(filter.push(typeof chunk.content === 'string' ? chunk.content : ''));
    take(filter.end());
  } catch (error) {
    const stopped = {
      timedOut: options.deadline.aborted,
      cancelled: options.cancel?.aborted === true,
    };
    return {
      outcome: 'failed',
      reason: classifyModelFailure(error, stopped),
      error: describeError(error),
      text,
    };
  }
  if (!text.trim())
    return {
      outcome: 'failed',
      reason: 'llm_failed',
      error: 'the model returned an empty answer',
      text,
    };
  // The instructed refusal wins even when the model cited something after it.
  if (text.trim().toLowerCase().startsWith(notFoundSentence.slice(0, -1).toLowerCase())) {
    return { outcome: 'refused', text, cited: [] };
  }
  const cited = filter.cited();
  return { outcome: cited.length > 0 ? 'answered' : 'uncited', text, cited };
}
