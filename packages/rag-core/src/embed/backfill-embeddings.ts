import type { Log } from '../log-event.js';
import type { KnowledgeStore } from '../store/knowledge-store.js';
import type { ActiveEmbedder } from './active-embedder.js';
import { embedPassages } from './embed-passages.js';

/**
 * Builds the active model's vectors for every chunk that lacks them: after a model switch,
 * or for documents ingested while the model was unavailable. Old models' vectors stay.
 */
export async function backfillEmbeddings(
  dependencies: {
    readonly store: KnowledgeStore;
    readonly embedder: ActiveEmbedder;
    readonly log?: Log;
  },
  options: { readonly batchSize?: number; readonly signal?: AbortSignal } = {},
): Promise<number> {
  const { store, embedder, log } = dependencies;
  const batchSize = options.batchSize ?? 128;
  let embedded = 0;
  const seen = new Set<number>();
  // Each batch is saved before the next, so stopping early loses nothing.
  while (!options.signal?.aborted) {
    const chunks = await store.chunksWithoutEmbedding(embedder.model, batchSize);
    // A chunk returned twice means its vector was not saved; stop rather than loop forever.
    const fresh = chunks.filter((chunk) => !seen.has(chunk.chunkId));
    if (fresh.length === 0) return embedded;
    const vectors = await embedPassages(embedder, fresh, { log });
    await store.saveEmbeddings(
      embedder.model,
      fresh.map((chunk, index) => ({ chunkId: chunk.chunkId, values: vectors[index] ?? [] })),
    );
    for (const chunk of fresh) seen.add(chunk.chunkId);
    embedded += fresh.length;
  }
  return embedded;
}
