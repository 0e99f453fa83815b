import type { Queryable } from './database.js';

// The tables ingest and sync write. Search reads their planner statistics: keyword ranking
// takes the passage count from pg_class.reltuples and the shares of common words from
// pg_stats, and the planner chooses its plans by them.
const writtenTables = ['documents', 'chunks', 'document_terms', 'chunk_embeddings', 'vocabulary'];

/**
 * Runs ANALYZE on the written tables that need it: never analyzed, or more than a tenth of
 * their rows changed since the last ANALYZE (autovacuum's scale factor). PGlite has no
 * autovacuum, so without this an embedded knowledge base never had statistics; on a server it
 * gives them at once instead of within a minute. ANALYZE reads a bounded sample (30,000 rows
 * a table), and a pass that changed little costs one catalog read. Returns the tables analyzed.
 */
export async function refreshStatistics(database: Queryable): Promise<string[]> {
  const { rows } = await database.query<{ name: string }>(
    `SELECT c.relname AS name
     FROM pg_class AS c
       JOIN pg_namespace AS n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_user_tables AS s ON s.relid = c.oid
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY($1::text[])
       AND (c.reltuples < 0 OR coalesce(s.n_mod_since_analyze, 0) > 0.1 * c.reltuples)
     ORDER BY c.relname`,
    [writtenTables],
  );
  const tables = rows.map((row) => row.name);
  if (tables.length > 0) await database.execute(`ANALYZE ${tables.join(', ')}`);
  return tables;
}
