import { createInterface } from 'node:readline';
import type { ChatTurn } from '@knowhow/rag-core';
import { answerMessages } from '@knowhow/rag-core';
import { type CommandContext, withKnowledgeBase } from '../command-context.js';
import type { Runtime } from '../open-runtime.js';
import { printAnswer } from './ask-command.js';
import { cliLog } from '../cli-event.js';

export interface ChatOptions {
  readonly collections: readonly string[];
}

/**
 * Questions from the terminal (or piped in, one per line), each answered with the earlier
 * turns as context for follow-ups. Ctrl-D ends it after the last answer; Ctrl-C ends it at
 * once, stopping an answer being written.
 */
export async function chatLoop(
  context: CommandContext,
  runtime: Pick<Runtime, 'ask' | 'hasLanguageModel'>,
  options: ChatOptions,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const lines = createInterface({ input, output: process.stdout, terminal: interactive });
  const stopped = new AbortController();
  // On a terminal readline sees Ctrl-C; otherwise the signal does.
  const stop = () => {
    stopped.abort();
    lines.close();
  };
  lines.on('SIGINT', stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  cliLog(context.logger).info({ type: 'chat.started', interactive });
  const history: ChatTurn[] = [];
  if (interactive) {
    context.print(
      'Ask about your documents. Follow-up questions are understood. Ctrl-D or Ctrl-C to quit.',
    );
    lines.setPrompt('\n> ');
    lines.prompt();
  }
  let failures = 0;
  for await (const line of lines) {
    if (stopped.signal.aborted) break;
    const question = line.trim();
    if (question) {
      // Piped questions are echoed so the transcript reads as a conversation.
      if (!interactive) context.print(`> ${question}`);
      const answer = await printAnswer(context, runtime, {
        question,
        history,
        collections: options.collections,
        signal: stopped.signal,
      });
      if (answer.status === 'failed' && answer.reason !== 'cancelled') failures += 1;
      const reply =
        answer.text || (answer.status === 'not_found' ? answerMessages.notFound(answer) : '');
      history.push(
        { role: 'user', text: question, query: answer.query },
        { role: 'assistant', text: reply },
      );
      if (!interactive) context.print('');
    }
    if (stopped.signal.aborted) break;
    if (interactive) lines.prompt();
  }
  process.removeListener('SIGINT', stop);
  process.removeListener('SIGTERM', stop);
  if (interactive) context.print('\nBye.');
  return failures > 0 ? 1 : 0;
}

/** `knowhow chat`. */
export async function runChat(context: CommandContext, options: ChatOptions): Promise<number> {
  return withKnowledgeBase(context, options.collections, (runtime) =>
    chatLoop(context, runtime, options),
  );
}
