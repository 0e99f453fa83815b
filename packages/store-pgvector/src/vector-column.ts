import type { EmbeddingModel } from '@knowhow/rag-core';

export interface VectorColumn {
  /** The typed expression the model's vectors are indexed and ordered by. */
  readonly expression: string;
  /** Cast for a query vector compared with `expression`. */
  readonly queryCast: string;
  /** Cast for a vector being stored: checks its dimension. */
  readonly storageCast: string;
  readonly operators: string;
  readonly indexed: boolean;
}

/**
 * HNSW indexes `vector` up to 2,000 dimensions and `halfvec` up to 4,000; larger models are
 * searched exactly. Model ids and dimensions are integers from our own table, so inlining
 * them is safe, and it lets the planner match the model's partial index.
 */
export function vectorColumn(model: EmbeddingModel): VectorColumn {
  const dimensions = Math.trunc(model.dimensions);
  const type = dimensions <= 2000 ? 'vector' : 'halfvec';
  return {
    expression: `(embedding::${type}(${dimensions}))`,
    queryCast: `::${type}(${dimensions})`,
    storageCast: `::vector(${dimensions})`,
    operators: `${type}_cosine_ops`,
    indexed: dimensions <= 4000,
  };
}

/** The name of the model's partial HNSW index; undefined when the model is searched exactly. */
export function vectorIndexName(model: EmbeddingModel): string | undefined {
  if (!vectorColumn(model).indexed) return undefined;
  return `chunk_embeddings_hnsw_${Math.trunc(model.id)}_${Math.trunc(model.dimensions)}`;
}

export function createVectorIndexSql(model: EmbeddingModel): string | undefined {
  const name = vectorIndexName(model);
  if (!name) return undefined;
  const column = vectorColumn(model);
  return `CREATE INDEX IF NOT EXISTS ${name} ON chunk_embeddings USING hnsw (${column.expression} ${column.operators}) WHERE model_id = ${Math.trunc(model.id)}`;
}
