import { describe, expect, it } from '@jest/globals';
import { createVectorIndexSql, vectorColumn } from './vector-column.js';

describe('vectorColumn', () => {
  it('indexes models up to 2,000 dimensions as vector', () => {
    const model = { id: 3, name: 'm', dimensions: 384 };
    expect(vectorColumn(model)).toMatchObject({
      expression: '(embedding::vector(384))',
      queryCast: '::vector(384)',
      indexed: true,
    });
    expect(createVectorIndexSql(model)).toBe(
      'CREATE INDEX IF NOT EXISTS chunk_embeddings_hnsw_3_384 ON chunk_embeddings USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE model_id = 3',
    );
  });

  it('indexes larger models as halfvec, and searches models beyond 4,000 dimensions exactly', () => {
    expect(vectorColumn({ id: 1, name: 'm', dimensions: 3072 })).toMatchObject({
      queryCast: '::halfvec(3072)',
      storageCast: '::vector(3072)',
      indexed: true,
    });
    expect(createVectorIndexSql({ id: 1, name: 'm', dimensions: 8000 })).toBeUndefined();
  });
});
