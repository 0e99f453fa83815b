import type { ChunkToEmbed, EmbeddingCoverage, EmbeddingModel } from '@knowhow/rag-core';
import pgvector from 'pgvector';
import type { Queryable } from './database.js';
import { createVectorIndexSql, vectorColumn, vectorIndexName } from './vector-column.js';

const modelLock = 72_347_003;
const maxDimensions = 16_000;

export async function findModel(
  database: Queryable,
  name: string,
  dimensions: number,
): Promise<EmbeddingModel | undefined> {
  const { rows } = await database.query<{ id: number }>(
    'SELECT id FROM embedding_models WHERE name = $1 AND dimensions = $2',
    [name, dimensions],
  );
  const id = rows[0]?.id;
  return id === undefined ? undefined : { id, name, dimensions };
}

/**
 * Registers a model (name + dimension) with its partial HNSW index, unless both exist: an
 * existing model costs two reads, not a lock on the vector table. A missing index (dropped
 * for a bulk load, or a failed build) is created again.
 */
export async function registerModel(
  transaction: Queryable,
  name: string,
  dimensions: number,
): Promise<EmbeddingModel> {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > maxDimensions) {
    throw new Error(`embedding dimension must be 1..${maxDimensions}, got ${dimensions}`);
  }
  const existing = await findModel(transaction, name, dimensions);
  if (existing && (await hasVectorIndex(transaction, existing))) return existing;
  await transaction.query('SELECT pg_advisory_xact_lock($1)', [modelLock]);
  const { rows } = await transaction.query<{ id: number }>(
    `INSERT INTO embedding_models (name, dimensions) VALUES ($1, $2)
     ON CONFLICT (name, dimensions) DO UPDATE SET name = EXCLUDED.name
     RETURNING id`,
    [name, dimensions],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`registering embedding model ${name} returned no row`);
  const model = { id, name, dimensions };
  const indexSql = createVectorIndexSql(model);
  if (indexSql) await transaction.execute(indexSql);
  return model;
}

async function hasVectorIndex(database: Queryable, model: EmbeddingModel): Promise<boolean> {
  const name = vectorIndexName(model);
  if (!name) return true;
  const { rows } = await database.query<{ found: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS found',
    [name],
  );
  return rows[0]?.found === true;
}

export async function countCoverage(
  database: Queryable,
  model: EmbeddingModel,
): Promise<EmbeddingCoverage> {
  const { rows } = await database.query<{ embedded: number; total: number }>(
    `SELECT (SELECT count(*) FROM chunk_embeddings WHERE model_id = $1)::int AS embedded,
       (SELECT count(*) FROM chunks)::int AS total`,
    [model.id],
  );
  return rows[0] ?? { embedded: 0, total: 0 };
}

/** Stores vectors, replacing older ones of the same model; chunks deleted meanwhile are skipped. */
export async function upsertEmbeddings(
  database: Queryable,
  model: EmbeddingModel,
  entries: readonly { readonly chunkId: number; readonly values: readonly number[] }[],
): Promise<void> {
  if (entries.length === 0) return;
  for (const entry of entries) {
    if (entry.values.length !== model.dimensions) {
      throw new Error(
        `vector for chunk ${entry.chunkId} has ${entry.values.length} dimensions, ${model.name} has ${model.dimensions}`,
      );
    }
  }
  const records = entries.map((entry) => ({
    chunk_id: entry.chunkId,
    embedding: pgvector.toSql([...entry.values]),
  }));
  await database.query(
    `INSERT INTO chunk_embeddings (model_id, chunk_id, embedding)
     SELECT $1, t.chunk_id, t.embedding${vectorColumn(model).storageCast}
     FROM jsonb_to_recordset($2::jsonb) AS t(chunk_id int, embedding text)
     JOIN chunks c ON c.id = t.chunk_id
     ON CONFLICT (model_id, chunk_id) DO UPDATE SET embedding = EXCLUDED.embedding`,
    [model.id, JSON.stringify(records)],
  );
}

export async function findChunksWithoutEmbedding(
  database: Queryable,
  model: EmbeddingModel,
  limit: number,
): Promise<ChunkToEmbed[]> {
  const { rows } = await database.query<{
    id: number;
    title: string;
    heading: string | null;
    text: string;
  }>(
    `SELECT c.id, d.title, c.heading, c.text
     FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE NOT EXISTS (SELECT 1 FROM chunk_embeddings e WHERE e.model_id = $1 AND e.chunk_id = c.id)
     ORDER BY c.id LIMIT $2`,
    [model.id, limit],
  );
  return rows.map((row) => ({
    chunkId: row.id,
    title: row.title,
    heading: row.heading,
    text: row.text,
  }));
}
