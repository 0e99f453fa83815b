import type { Logger } from 'pino';
import type { Environment } from './env.js';
import { openRuntime, type Runtime } from './open-runtime.js';
import { coverageNotice, embeddingsNotice } from './user-messages.js';

export interface CommandContext {
  readonly env: Environment;
  /** The environment and .env as they are, for `${VAR}` in knowhow.yaml. */
  readonly variables: Readonly<Record<string, string>>;
  /** Where relative paths (knowhow.yaml) are found. */
  readonly directory: string;
  readonly logger: Logger;
  /** Prints a line. */
  readonly print: (text: string) => void;
  /** Prints text as is, e.g. streamed answer pieces. */
  readonly write: (text: string) => void;
  readonly warn: (text: string) => void;
  /** Whether stderr is a terminal (progress bars). */
  readonly interactive: boolean;
  /**
   * Makes the first Ctrl-C (or SIGTERM) a request to stop at the next safe point instead of
   * quitting; the second one quits. Long commands call this; the others just exit.
   */
  readonly stopGracefully: () => AbortSignal;
}

/** Opens the runtime for one command, says once if embeddings are not in use, and closes it. */
export async function withRuntime<T>(
  context: CommandContext,
  purpose: 'ingest' | 'search',
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(context.env, context.logger, purpose);
  try {
    if (runtime.embeddingsProblem)
      context.warn(embeddingsNotice(context.env, runtime.embeddingsProblem));
    if (
      runtime.embedder &&
      runtime.coverage &&
      runtime.coverage.embedded < runtime.coverage.total
    ) {
      context.warn(coverageNotice(runtime.embedder.model.name, runtime.coverage));
    }
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
