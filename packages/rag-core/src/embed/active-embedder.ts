import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { describeError, KnowhowError } from '../errors.js';
import { elapsed, type Log } from '../log-event.js';
import type {
  EmbeddingCoverage,
  EmbeddingModel,
  KnowledgeStore,
} from '../store/knowledge-store.js';

/** The text embedded to load a model and learn its dimension. */
export const embeddingProbe = 'Knowhow';

/** Embeddings that loaded and answered, with the stored model their vectors belong to. */
export interface ActiveEmbedder {
  readonly embeddings: EmbeddingsInterface;
  readonly model: EmbeddingModel;
}

export type EmbedderActivation =
  | {
      readonly embedder: ActiveEmbedder;
      /** For searching: how far the model's vectors cover the knowledge base. */
      readonly coverage?: EmbeddingCoverage;
      readonly problem?: undefined;
    }
  | { readonly embedder?: undefined; readonly problem: KnowhowError };

type ActivationStore = Pick<
  KnowledgeStore,
  'registerEmbeddingModel' | 'findEmbeddingModel' | 'embeddingCoverage'
>;

/**
 * Loads the model by embedding a probe and learns its dimension. For `ingest` the model is
 * registered (vectors are about to be built); for `search` it is only looked up, so searching
 * never writes, and a model without vectors yet means keyword search. Failure is not fatal:
 * the caller continues keyword-only and tells the user once.
 */
export async function activateEmbedder(dependencies: {
  readonly embeddings: EmbeddingsInterface;
  readonly modelName: string;
  readonly store: ActivationStore;
  readonly purpose: 'ingest' | 'search';
  readonly log?: Log;
  /** The probe's vector when the caller already started it (to load the model in parallel). */
  readonly probe?: Promise<readonly number[]>;
}): Promise<EmbedderActivation> {
  const { embeddings, modelName, store, purpose, log, probe } = dependencies;
  const started = performance.now();
  let dimensions: number;
  try {
    dimensions = (await (probe ?? embeddings.embedQuery(embeddingProbe))).length;
  } catch (error) {
    log?.({ type: 'embeddings.unavailable', model: modelName, error: describeError(error) });
    const message = `embedding model ${modelName} could not be loaded: ${describeError(error)}`;
    return { problem: new KnowhowError('embeddings_unavailable', message, { cause: error }) };
  }
  if (dimensions === 0) {
    const message = `embedding model ${modelName} returned an empty vector`;
    return { problem: new KnowhowError('embeddings_unavailable', message) };
  }
  if (purpose === 'ingest') {
    const model = await store.registerEmbeddingModel(modelName, dimensions);
    log?.({ type: 'embeddings.ready', model: modelName, dimensions, durationMs: elapsed(started) });
    return { embedder: { embeddings, model } };
  }
  const model = await store.findEmbeddingModel(modelName, dimensions);
  const coverage = model ? await store.embeddingCoverage(model) : { embedded: 0, total: 0 };
  if (!model || (coverage.embedded === 0 && coverage.total > 0)) {
    const message = `the knowledge base has no vectors of ${modelName} yet`;
    return { problem: new KnowhowError('embeddings_not_built', message) };
  }
  log?.({ type: 'embeddings.ready', model: modelName, dimensions, durationMs: elapsed(started) });
  return { embedder: { embeddings, model }, coverage };
}
