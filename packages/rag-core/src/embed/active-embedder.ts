import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { describeError, KnowhowError } from '../errors.js';
import type { Log } from '../log-event.js';
import type { EmbeddingModel, KnowledgeStore } from '../store/knowledge-store.js';

/** Embeddings that loaded and answered, registered with the store under their model. */
export interface ActiveEmbedder {
  readonly embeddings: EmbeddingsInterface;
  readonly model: EmbeddingModel;
}

export type EmbedderActivation =
  | { readonly embedder: ActiveEmbedder; readonly problem?: undefined }
  | { readonly embedder?: undefined; readonly problem: KnowhowError };

/**
 * Loads the model by embedding a probe, learns its dimension and registers it. Failure is not
 * fatal: the caller continues keyword-only and tells the user once.
 */
export async function activateEmbedder(dependencies: {
  readonly embeddings: EmbeddingsInterface;
  readonly modelName: string;
  readonly store: Pick<KnowledgeStore, 'registerEmbeddingModel'>;
  readonly log?: Log;
}): Promise<EmbedderActivation> {
  const { embeddings, modelName, store, log } = dependencies;
  const started = performance.now();
  let dimensions: number;
  try {
    dimensions = (await embeddings.embedQuery('Knowhow')).length;
  } catch (error) {
    log?.({ type: 'embeddings.unavailable', model: modelName, error: describeError(error) });
    const message = `embedding model ${modelName} could not be loaded: ${describeError(error)}`;
    return { problem: new KnowhowError('embeddings_unavailable', message, { cause: error }) };
  }
  if (dimensions === 0) {
    const message = `embedding model ${modelName} returned an empty vector`;
    return { problem: new KnowhowError('embeddings_unavailable', message) };
  }
  const model = await store.registerEmbeddingModel(modelName, dimensions);
  log?.({ type: 'embeddings.ready', model: modelName, dimensions, durationMs: elapsed(started) });
  return { embedder: { embeddings, model } };
}

export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
