import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openKnowledgeStore, type PgKnowledgeStore, redactUrl } from '@knowhow/store-pgvector';
import type { Logger } from 'pino';
import type { Environment } from './env.js';
import { openRuntime, type Runtime, storeOptions } from './open-runtime.js';
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
  // Said when the knowledge base's place was not chosen: it is news where it went.
  const creating =
    isNewKnowledgeBase(context.env) && context.env.dataDirectoryOrigin !== 'configured';
  const runtime = await openRuntime(context.env, context.logger, purpose);
  try {
    if (creating) {
      context.warn(
        `Note: created a new knowledge base in ${resolve(context.env.KNOWHOW_DATA_DIR)}.`,
      );
    }
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

/** Embedded and not there yet: opening the store creates it. */
function isNewKnowledgeBase(env: CommandContext['env']): boolean {
  return !env.DATABASE_URL && !existsSync(env.KNOWHOW_DATA_DIR);
}

/**
 * For commands that only read (search, ask, chat, eval, collections, documents): a missing
 * knowledge base is said plainly instead of created empty; undefined when there is one.
 */
export function missingKnowledgeBase(env: CommandContext['env']): string | undefined {
  if (!isNewKnowledgeBase(env)) return undefined;
  const add = 'add documents with: npx knowhow ingest <folder>';
  return env.dataDirectoryOrigin === 'configured'
    ? `There is no knowledge base at ${resolve(env.KNOWHOW_DATA_DIR)} (KNOWHOW_DATA_DIR) yet; ${add}`
    : `There is no knowledge base (.knowhow) in ${process.cwd()} or any folder above it. Run the command in your project's folder, or ${add}`;
}

/**
 * Opens the runtime of a command that searches, after checking that the knowledge base and
 * the asked-for collections exist: 2 (a usage error) names the missing collections and those
 * there are.
 */
export async function withKnowledgeBase(
  context: CommandContext,
  collections: readonly string[],
  work: (runtime: Runtime) => Promise<number>,
): Promise<number> {
  const missing = missingKnowledgeBase(context.env);
  if (missing) {
    context.warn(missing);
    return 1;
  }
  return withRuntime(context, 'search', async (runtime) => {
    const problem = await unknownCollections(runtime.store, collections);
    if (problem) {
      context.warn(problem);
      return 2;
    }
    return work(runtime);
  });
}

/** Says which of `names` do not exist, listing those that do; undefined when all exist. */
export async function unknownCollections(
  store: Pick<Runtime['store'], 'collections'>,
  names: readonly string[],
): Promise<string | undefined> {
  if (names.length === 0) return undefined;
  const existing = (await store.collections()).map((collection) => collection.name);
  const unknown = names.filter((name) => !existing.includes(name));
  if (unknown.length === 0) return undefined;
  const what =
    unknown.length === 1
      ? `The collection "${unknown[0] ?? ''}" does not exist.`
      : `The collections ${unknown.map((name) => `"${name}"`).join(', ')} do not exist.`;
  return existing.length > 0
    ? `${what} The knowledge base has: ${existing.join(', ')}.`
    : `${what} The knowledge base is empty; add documents with: npx knowhow ingest <folder> --collection ${unknown[0] ?? ''}`;
}

/** Where the knowledge base is, for people: the folder, or the server without its password. */
export function describeKnowledgeBase(env: CommandContext['env']): string {
  return env.DATABASE_URL
    ? `Postgres at ${redactUrl(env.DATABASE_URL)}`
    : `${resolve(env.KNOWHOW_DATA_DIR)} (embedded Postgres)`;
}

/** Opens only the store (no models) of an existing knowledge base, for managing it. */
export async function withStore(
  context: CommandContext,
  work: (store: PgKnowledgeStore) => Promise<number>,
): Promise<number> {
  const missing = missingKnowledgeBase(context.env);
  if (missing) {
    context.warn(missing);
    return 1;
  }
  const store = await openKnowledgeStore(storeOptions(context.env, context.logger));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
