import { join } from 'node:path';
import {
  type ActiveEmbedder,
  activateEmbedder,
  createEmbeddings,
  type EmbeddingCoverage,
  type EmbeddingsOptions,
  type KnowhowError,
  type Log,
} from '@knowhow/rag-core';
import {
  type OpenKnowledgeStoreOptions,
  openKnowledgeStore,
  type PgKnowledgeStore,
} from '@knowhow/store-pgvector';
import type { Logger } from 'pino';
import type { Environment } from './env.js';
import { forwardEvents } from './logger.js';

export interface Runtime {
  readonly store: PgKnowledgeStore;
  /** Absent in keyword-only mode. */
  readonly embedder?: ActiveEmbedder;
  /** Why configured embeddings are not in use; shown to the user once. */
  readonly embeddingsProblem?: KnowhowError;
  /** When searching: how many passages have vectors of the model. */
  readonly coverage?: EmbeddingCoverage;
  readonly log: Log;
  close(): Promise<void>;
}

/**
 * Opens the knowledge store (migrating it) and loads the configured embeddings: registered
 * for `ingest`, only looked up for `search`, which therefore never writes.
 */
export async function openRuntime(
  env: Environment,
  logger: Logger,
  purpose: 'ingest' | 'search',
): Promise<Runtime> {
  const log = forwardEvents(logger);
  const store = await openKnowledgeStore(storeOptions(env, logger));
  const options = embeddingsOptions(env);
  if (!options) return { store, log, close: () => store.close() };
  try {
    const { embeddings, modelName } = await createEmbeddings(options);
    const activation = await activateEmbedder({ embeddings, modelName, store, purpose, log });
    return {
      store,
      log,
      close: () => store.close(),
      ...(activation.embedder
        ? {
            embedder: activation.embedder,
            ...(activation.coverage ? { coverage: activation.coverage } : {}),
          }
        : { embeddingsProblem: activation.problem }),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export function storeOptions(env: Environment, logger: Logger): OpenKnowledgeStoreOptions {
  return {
    ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : {}),
    dataDirectory: env.KNOWHOW_DATA_DIR,
    onPoolError: (error) => logger.error({ err: error }, 'postgres.pool_error'),
    onMigrationApplied: (name) => logger.info({ migration: name }, 'store.migrated'),
  };
}

export function embeddingsOptions(env: Environment): EmbeddingsOptions | undefined {
  switch (env.KNOWHOW_EMBEDDINGS) {
    case 'none':
      return undefined;
    case 'openai':
      return {
        provider: 'openai',
        ...(env.KNOWHOW_EMBEDDING_MODEL ? { model: env.KNOWHOW_EMBEDDING_MODEL } : {}),
        // Local OpenAI-compatible servers ignore the key, but the client insists on one.
        apiKey: env.OPENAI_API_KEY ?? 'not-needed',
        ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
        ...(env.KNOWHOW_EMBEDDING_DIMENSIONS
          ? { dimensions: env.KNOWHOW_EMBEDDING_DIMENSIONS }
          : {}),
      };
    case 'local':
      return {
        provider: 'local',
        ...(env.KNOWHOW_EMBEDDING_MODEL ? { model: env.KNOWHOW_EMBEDDING_MODEL } : {}),
        ...(env.KNOWHOW_MODEL_DIR ? { modelDirectory: env.KNOWHOW_MODEL_DIR } : {}),
        cacheDirectory: join(env.KNOWHOW_DATA_DIR, 'models'),
      };
  }
}
