import type { WrittenRows } from '@knowhow/rag-core';
import type { Queryable } from './database.js';

// The tables ingest and sync write. Search reads their planner statistics: keyword ranking
// takes the passage count from pg_class.reltuples and the shares of common words from
// pg_stats, and the planner chooses its plans by them.
const writtenTables = ['documents', 'chunks', 'document_terms', 'chunk_embeddings', 'vocabulary'];

// Autovacuum's analyze scale factor: statistics count as stale once a tenth of the rows changed.
const staleShare = 0.1;

/**
 * Runs ANALYZE on the written tables that need it: never analyzed, or the batch's own counts
 * changed more than a tenth of them. The writer's counts, not pg_stat_user_tables: a server
 * publishes n_mod_since_analyze up to a second after the write, so a check right after the
 * last write misses it, and autovacuum leaves a small table (under 50 changed rows) alone.
 * PGlite has no autovacuum, so without this an embedded knowledge base never had statistics.
 * Documents stand for their passages, terms and words (they are written together); vectors
 * stand for chunk_embeddings. ANALYZE reads a bounded sample (30,000 rows a table), and a
 * batch that changed little costs one catalog read. Returns the tables analyzed.
 */
export async function refreshStatistics(
  database: Queryable,
  written: WrittenRows,
): Promise<string[]> {
  const { rows } = await database.query<{ name: string; reltuples: number }>(
    `SELECT c.relname AS name, c.reltuples::float8 AS reltuples
     FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY($1::text[])
     ORDER BY c.relname`,
    [writtenTables],
  );
  const estimated = (name: string) => rows.find((row) => row.name === name)?.reltuples ?? -1;
  const changedDocuments = written.documents > staleShare * estimated('documents');
  const changedVectors = written.vectors > staleShare * estimated('chunk_embeddings');
  const tables = rows
    .filter(
      (row) =>
        row.reltuples < 0 ||
        changedDocuments ||
        (row.name === 'chunk_embeddings' && changedVectors),
    )
    .map((row) => row.name);
  if (tables.length > 0) await database.execute(`ANALYZE ${tables.join(', ')}`);
  return tables;
}
