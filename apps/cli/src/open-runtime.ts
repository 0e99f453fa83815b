import { join } from 'node:path';
import {
  type ActiveEmbedder,
  type ConfiguredEmbeddings,
  type Ask,
  activateEmbedder,
  createAsker,
  createChatModel,
  createHttpReranker,
  createLlmReranker,
  createLocalReranker,
  createEmbeddings,
  createSearcher,
  describeError,
  describeModelHost,
  type EmbeddingCoverage,
  embeddingProbe,
  type EmbeddingsOptions,
  type KnowhowError,
  type LocalReranker,
  type Log,
  type Reranker,
  type Search,
  withReranking,
} from '@knowhow/rag-core';
import {
  type OpenKnowledgeStoreOptions,
  openKnowledgeStore,
  type PgKnowledgeStore,
} from '@knowhow/store-pgvector';
import type { Logger } from 'pino';
import type { Environment } from './env.js';
import { forwardEvents } from './logger.js';
import { cliLog } from './cli-event.js';
import { withConfiguredRewrite } from './query-rewrite.js';

export interface Runtime {
  readonly store: PgKnowledgeStore;
  /** Absent in keyword-only mode. */
  readonly embedder?: ActiveEmbedder;
  /** Why configured embeddings are not in use; shown to the user once. */
  readonly embeddingsProblem?: KnowhowError;
  /** When searching: how many passages have vectors of the model. */
  readonly coverage?: EmbeddingCoverage;
  readonly search: Search;
  readonly ask: Ask;
  /** False: answers are excerpts, without a language model. */
  readonly hasLanguageModel: boolean;
  readonly log: Log;
  /** Also sends the core's events to `listener` (the bots' metrics). */
  onEvent(listener: Log): void;
  close(): Promise<void>;
}

/**
 * Opens the knowledge store (migrating it), loads the configured embeddings (registered for
 * `ingest`, only looked up for `search`, which therefore never writes) and the chat model.
 */
export async function openRuntime(
  env: Environment,
  logger: Logger,
  purpose: 'ingest' | 'search',
): Promise<Runtime> {
  const forward = forwardEvents(logger);
  const listeners: Log[] = [];
  const log: Log = (event) => {
    forward(event);
    for (const listener of listeners) listener(event);
  };
  // The model session, the chat client and the database open in parallel: each takes a few
  // hundred milliseconds, the model on onnxruntime's threads, the database on this one.
  const configured = loadEmbeddingsClient(env);
  const chatModelLoading =
    env.KNOWHOW_LLM === 'openai'
      ? createChatModel({
          ...(env.KNOWHOW_CHAT_MODEL ? { model: env.KNOWHOW_CHAT_MODEL } : {}),
          apiKey: env.OPENAI_API_KEY ?? 'not-needed',
          ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
          // The budget is for the whole answer (the asker's deadline bounds every attempt
          // together): the first attempt may use all of it, a retry what is left.
          timeoutMs: env.KNOWHOW_LLM_TIMEOUT_MS,
        })
      : Promise.resolve(undefined);
  // Awaited below; a failure of either is reported there, not as an unhandled rejection.
  configured.catch(() => undefined);
  chatModelLoading.catch(() => undefined);
  // A local cross-encoder loads beside them too; readyReranker never rejects.
  const localReranker =
    env.KNOWHOW_RERANKER === 'local'
      ? readyReranker(createReranker(env, undefined), log)
      : undefined;
  const store = await openKnowledgeStore(storeOptions(env, logger));
  try {
    const embedding = await activate(await configured, store, purpose, log);
    const fusedSearch = createSearcher({
      store,
      log,
      ...(embedding.embedder ? { embedder: embedding.embedder } : {}),
    });
    const chatModel = await chatModelLoading;
    // The rewrites widen the candidates first; the reranker then orders the fused list against
    // the question itself, so it has the last word on what was asked.
    const rewritten = await withConfiguredRewrite(fusedSearch, env, {
      log,
      vectors: embedding.embedder !== undefined,
    });
    const reranker = localReranker ? await localReranker : createReranker(env, chatModel);
    const search = reranker
      ? withReranking(rewritten, reranker, {
          candidates: env.KNOWHOW_RERANK_CANDIDATES,
          timeoutMs: env.KNOWHOW_RERANK_TIMEOUT_MS,
          log,
        })
      : rewritten;
    const ask = createAsker(
      { search, log, knowledge: store, ...(chatModel ? { chatModel } : {}) },
      {
        timeoutMs: env.KNOWHOW_LLM_TIMEOUT_MS,
        ...(chatModel ? { modelHost: describeModelHost(env.OPENAI_BASE_URL) } : {}),
      },
    );
    return {
      store,
      log,
      search,
      ask,
      hasLanguageModel: chatModel !== undefined,
      onEvent: (listener) => void listeners.push(listener),
      close: () => store.close(),
      ...embedding,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

interface LoadingEmbeddings {
  readonly configured: ConfiguredEmbeddings;
  /** The probe that loads the model, started at once; activateEmbedder awaits and reports it. */
  readonly probe: Promise<readonly number[]>;
}

/** The configured embeddings client with its model loading (by one probe), if any. */
async function loadEmbeddingsClient(env: Environment): Promise<LoadingEmbeddings | undefined> {
  const options = embeddingsOptions(env);
  if (!options) return undefined;
  const configured = await createEmbeddings(options);
  const probe = configured.embeddings.embedQuery(embeddingProbe);
  // Awaited (and any failure reported) by activate; not an unhandled rejection meanwhile.
  probe.catch(() => undefined);
  return { configured, probe };
}

async function activate(
  loading: LoadingEmbeddings | undefined,
  store: PgKnowledgeStore,
  purpose: 'ingest' | 'search',
  log: Log,
): Promise<Pick<Runtime, 'embedder' | 'embeddingsProblem' | 'coverage'>> {
  if (!loading) return {};
  const { embeddings, modelName } = loading.configured;
  const { probe } = loading;
  const activation = await activateEmbedder({ embeddings, modelName, store, purpose, log, probe });
  if (!activation.embedder) return { embeddingsProblem: activation.problem };
  return {
    embedder: activation.embedder,
    ...(activation.coverage ? { coverage: activation.coverage } : {}),
  };
}

/**
 * A reranker that loads a model (local) is loaded before the first search: a missing model is
 * said once, at start, and the fused order is used, instead of every question waiting for a
 * load that fails again.
 */
async function readyReranker(
  reranker: Reranker | LocalReranker | undefined,
  log: Log,
): Promise<Reranker | undefined> {
  if (!reranker || !('load' in reranker)) return reranker;
  try {
    await reranker.load();
    return reranker;
  } catch (error) {
    log({ type: 'rerank.unavailable', reranker: reranker.name, error: describeError(error) });
    return undefined;
  }
}

function createReranker(
  env: Environment,
  chatModel: Parameters<typeof createLlmReranker>[0] | undefined,
) {
  switch (env.KNOWHOW_RERANKER) {
    case 'none':
      return undefined;
    case 'llm':
      // Without a language model there is nothing to rerank with: the fused order stands.
      return chatModel ? createLlmReranker(chatModel) : undefined;
    case 'local':
      return createLocalReranker({
        ...(env.KNOWHOW_RERANK_MODEL ? { model: env.KNOWHOW_RERANK_MODEL } : {}),
        ...(env.KNOWHOW_MODEL_DIR
          ? { modelDirectory: env.KNOWHOW_MODEL_DIR }
          : { cacheDirectory: join(env.KNOWHOW_DATA_DIR, 'models') }),
      });
    default:
      return createHttpReranker({
        provider: env.KNOWHOW_RERANKER,
        ...(env.KNOWHOW_RERANK_URL ? { baseUrl: env.KNOWHOW_RERANK_URL } : {}),
        ...(env.KNOWHOW_RERANK_API_KEY ? { apiKey: env.KNOWHOW_RERANK_API_KEY } : {}),
        ...(env.KNOWHOW_RERANK_MODEL ? { model: env.KNOWHOW_RERANK_MODEL } : {}),
      });
  }
}

export function storeOptions(env: Environment, logger: Logger): OpenKnowledgeStoreOptions {
  return {
    ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : {}),
    dataDirectory: env.KNOWHOW_DATA_DIR,
    onPoolError: (error) => cliLog(logger).failed('postgres.pool_error', error),
    onMigrationApplied: (name) => cliLog(logger).info({ type: 'store.migrated', migration: name }),
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
