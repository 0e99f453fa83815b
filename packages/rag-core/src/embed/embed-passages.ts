import { describeError, KnowhowError } from '../errors.js';
import { elapsed, type Log } from '../log-event.js';
import type { ActiveEmbedder } from './active-embedder.js';

export interface PassageText {
  readonly title: string;
  readonly heading: string | null;
  readonly text: string;
}

/** What is embedded for a passage: its place in the document gives short passages context. */
export function embeddingText(passage: PassageText): string {
  const place = passage.heading ? `${passage.title} > ${passage.heading}` : passage.title;
  return `${place}\n\n${passage.text}`;
}

/** Embeds in batches; every vector is checked against the model's dimension. */
export async function embedPassages(
  embedder: ActiveEmbedder,
  passages: readonly PassageText[],
  options: { readonly batchSize?: number; readonly log?: Log; readonly signal?: AbortSignal } = {},
): Promise<number[][]> {
  const { batchSize = 32, log, signal } = options;
  const vectors: number[][] = [];
  for (let start = 0; start < passages.length; start += batchSize) {
    // A long document is not embedded to its end after Ctrl-C or SIGTERM.
    signal?.throwIfAborted();
    const batch = passages.slice(start, start + batchSize).map(embeddingText);
    const started = performance.now();
    let values: number[][];
    try {
      values = await embedder.embeddings.embedDocuments(batch);
    } catch (error) {
      const message = `embedding with ${embedder.model.name} failed: ${describeError(error)}`;
      throw new KnowhowError('embeddings_failed', message, { cause: error });
    }
    if (
      values.length !== batch.length ||
      values.some((vector) => vector.length !== embedder.model.dimensions)
    ) {
      const message = `${embedder.model.name} returned vectors of the wrong count or dimension`;
      throw new KnowhowError('embeddings_failed', message);
    }
    log?.({
      type: 'embeddings.batch',
      model: embedder.model.name,
      count: batch.length,
      durationMs: elapsed(started),
    });
    vectors.push(...values);
  }
  return vectors;
}
