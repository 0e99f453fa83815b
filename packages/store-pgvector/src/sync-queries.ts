import type {
  ItemFailure,
  ItemRecord,
  PassRecord,
  SourceIdentity,
  SourceState,
  StoredItem,
  SyncCounts,
  SyncStatus,
} from '@knowhow/rag-core';
import { sourceUriPrefix } from '@knowhow/rag-core';
import type { Queryable } from './database.js';
import { lockDocument } from './document-queries.js';

// Key space of the session advisory lock a process holds while it syncs a source.
export const sourceLock = 72_347_003;

interface SourceRow {
  name: string;
  type: string;
  collection: string;
  cursor: string | null;
  settings: string;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_status: SyncStatus | null;
  last_error: string | null;
  last_counts: SyncCounts | null;
  documents: number;
  failed_items: number;
}

const sourceColumns = `s.name, s.type, s.collection, s.cursor, s.settings,
  s.last_started_at, s.last_finished_at, s.last_status, s.last_error, s.last_counts,
  (SELECT count(*)::int FROM sync_items i WHERE i.source = s.name AND i.version IS NOT NULL) AS documents,
  (SELECT count(*)::int FROM sync_items i WHERE i.source = s.name AND i.failure IS NOT NULL) AS failed_items`;

export async function findSourceStates(database: Queryable, name?: string): Promise<SourceState[]> {
  const { rows } = await database.query<SourceRow>(
    `SELECT ${sourceColumns} FROM sync_sources s WHERE $1::text IS NULL OR s.name = $1 ORDER BY s.name`,
    [name ?? null],
  );
  return rows.map((row) => ({
    name: row.name,
    type: row.type,
    collection: row.collection,
    cursor: row.cursor ?? undefined,
    settings: row.settings,
    lastStartedAt: row.last_started_at ?? undefined,
    lastFinishedAt: row.last_finished_at ?? undefined,
    lastStatus: row.last_status ?? undefined,
    lastError: row.last_error ?? undefined,
    lastCounts: row.last_counts ?? undefined,
    documents: row.documents,
    failedItems: row.failed_items,
  }));
}

/** Creates the source's record on first use; an existing one keeps its state. */
export async function ensureSource(database: Queryable, source: SourceIdentity): Promise<void> {
  await database.query(
    `INSERT INTO sync_sources (name, type, collection) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
    [source.name, source.type, source.collection],
  );
}

/** Whether the source's last pass finished at least `ms` ago (or it never ran). */
export async function isDue(database: Queryable, name: string, ms: number): Promise<boolean> {
  const { rows } = await database.query<{ due: boolean }>(
    `SELECT last_finished_at IS NULL OR last_finished_at <= now() - make_interval(secs => $2 / 1000.0) AS due
     FROM sync_sources WHERE name = $1`,
    [name, ms],
  );
  return rows[0]?.due ?? true;
}

export async function findItems(
  database: Queryable,
  source: string,
): Promise<Map<string, StoredItem>> {
  const { rows } = await database.query<{
    external_id: string;
    uri: string;
    version: string | null;
    chunking: string | null;
    failed: boolean;
    state: StoredItem['state'];
  }>(
    'SELECT external_id, uri, version, chunking, failure IS NOT NULL AS failed, state FROM sync_items WHERE source = $1',
    [source],
  );
  return new Map(
    rows.map((row) => [
      row.external_id,
      {
        uri: row.uri,
        version: row.version,
        chunking: row.chunking,
        failed: row.failed,
        state: row.state,
      },
    ]),
  );
}

export async function upsertItem(
  database: Queryable,
  source: string,
  item: ItemRecord,
): Promise<void> {
  await database.query(
    `INSERT INTO sync_items (source, external_id, uri, version, chunking, state, title, url)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
     ON CONFLICT (source, external_id) DO UPDATE SET
       uri = EXCLUDED.uri, version = EXCLUDED.version, chunking = EXCLUDED.chunking,
       state = EXCLUDED.state,
       title = EXCLUDED.title, url = EXCLUDED.url, failure = NULL, failed_at = NULL,
       updated_at = now()`,
    [
      source,
      item.id,
      item.uri,
      item.version,
      item.chunking,
      JSON.stringify(item.state),
      item.title,
      item.url,
    ],
  );
}

/** Records a failure; the version (and document) written before stay. */
export async function upsertFailure(
  database: Queryable,
  source: string,
  failure: ItemFailure,
): Promise<void> {
  await database.query(
    `INSERT INTO sync_items (source, external_id, uri, title, url, failure, failed_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (source, external_id) DO UPDATE SET
       title = coalesce(EXCLUDED.title, sync_items.title), url = coalesce(EXCLUDED.url, sync_items.url),
       failure = EXCLUDED.failure, failed_at = now(), updated_at = now()`,
    [
      source,
      failure.id,
      failure.uri,
      failure.title ?? null,
      failure.url ?? null,
      failure.reason.slice(0, 2000),
    ],
  );
}

/** The item's document and record, in one transaction under the document's lock. */
export async function deleteItem(
  transaction: Queryable,
  source: string,
  collection: string,
  id: string,
): Promise<void> {
  const { rows } = await transaction.query<{ uri: string }>(
    'DELETE FROM sync_items WHERE source = $1 AND external_id = $2 RETURNING uri',
    [source, id],
  );
  const uri = rows[0]?.uri;
  if (!uri) return;
  await lockDocument(transaction, collection, uri);
  await transaction.query('DELETE FROM documents WHERE collection = $1 AND uri = $2', [
    collection,
    uri,
  ]);
}

/** Every document of the source, in whichever collection, and its item records. */
export async function deleteSourceDocuments(
  transaction: Queryable,
  source: string,
): Promise<number> {
  const { rows } = await transaction.query<{ count: number }>(
    `WITH gone AS (DELETE FROM documents WHERE starts_with(uri, $1) RETURNING 1)
     SELECT count(*)::int AS count FROM gone`,
    [sourceUriPrefix(source)],
  );
  await transaction.query('DELETE FROM sync_items WHERE source = $1', [source]);
  return rows[0]?.count ?? 0;
}

export async function recordPass(
  database: Queryable,
  source: SourceIdentity,
  pass: PassRecord,
): Promise<void> {
  await database.query(
    `UPDATE sync_sources SET
       type = $2, collection = $3, last_started_at = $4, last_finished_at = now(),
       last_status = $5, last_error = $6, last_counts = $7::jsonb,
       cursor = CASE WHEN $8 THEN $9 ELSE cursor END,
       settings = coalesce($10, settings)
     WHERE name = $1`,
    [
      source.name,
      source.type,
      pass.collection,
      pass.startedAt,
      pass.status,
      pass.error ?? null,
      JSON.stringify(pass.counts),
      pass.cursor !== undefined,
      pass.cursor ?? null,
      pass.settings ?? null,
    ],
  );
}
