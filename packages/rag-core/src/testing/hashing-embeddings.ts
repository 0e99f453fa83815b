import { Embeddings } from '@langchain/core/embeddings';

/**
 * Deterministic bag-of-words vectors: texts sharing words are close, so vector search can be
 * tested without a model. Words hash into `dimensions` buckets; vectors are L2-normalised.
 */
export function hashingVector(text: string, dimensions = 64): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 2166136261;
    for (const character of word) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619);
    const index = Math.abs(hash) % dimensions;
    vector[index] = (vector[index] ?? 0) + 1;
  }
  const length = Math.hypot(...vector) || 1;
  // An empty text still gets a valid (non-zero) vector.
  return length === 1 && vector.every((value) => value === 0)
    ? vector.map((_, index) => (index === 0 ? 1 : 0))
    : vector.map((value) => value / length);
}

export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number;

  constructor(dimensions = 64) {
    super({});
    this.dimensions = dimensions;
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => hashingVector(text, this.dimensions));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return hashingVector(text, this.dimensions);
  }
}
