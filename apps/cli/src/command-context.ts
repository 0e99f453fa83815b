import type { Logger } from 'pino';
import type { Environment } from './env.js';
import { openRuntime, type Runtime } from './open-runtime.js';
import { embeddingsNotice } from './user-messages.js';

export interface CommandContext {
  readonly env: Environment;
  readonly logger: Logger;
  readonly print: (text: string) => void;
  readonly warn: (text: string) => void;
  /** Whether stderr is a terminal (progress bars). */
  readonly interactive: boolean;
  /** Aborted by Ctrl-C or SIGTERM: long commands stop at the next safe point. */
  readonly signal: AbortSignal;
}

/** Opens the runtime for one command, says once if embeddings are unavailable, and closes it. */
export async function withRuntime<T>(
  context: CommandContext,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(context.env, context.logger);
  try {
    if (runtime.embeddingsProblem)
      context.warn(embeddingsNotice(context.env, runtime.embeddingsProblem));
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
