import type { ChunkInput, DocumentInput, StoredFingerprint } from '@knowhow/rag-core';
import type { Queryable } from './database.js';

// Key space of the advisory lock that serialises writers of one document across processes.
const documentLock = 72_347_002;

export async function findFingerprint(
  database: Queryable,
  collection: string,
  uri: string,
): Promise<StoredFingerprint | undefined> {
  const { rows } = await database.query<{ content_hash: string; chunking: string; source: string }>(
    'SELECT content_hash, chunking, source FROM documents WHERE collection = $1 AND uri = $2',
    [collection, uri],
  );
  const row = rows[0];
  return row && { contentHash: row.content_hash, chunking: row.chunking, source: row.source };
}

/** Waits for any other writer of this document; released when the transaction ends. */
export async function lockDocument(
  transaction: Queryable,
  collection: string,
  uri: string,
): Promise<void> {
  await transaction.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    documentLock,
    JSON.stringify([collection, uri]),
  ]);
}

/** Inserts or updates the document row and removes its old chunks (and their vectors). */
export async function upsertDocument(
  transaction: Queryable,
  document: DocumentInput,
): Promise<{ id: number; inserted: boolean }> {
  const { rows } = await transaction.query<{ id: number; inserted: boolean }>(
    `INSERT INTO documents (collection, uri, source, title, url, content_hash, chunking, media_type, size_bytes, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
     ON CONFLICT (collection, uri) DO UPDATE SET
       source = EXCLUDED.source, title = EXCLUDED.title, url = EXCLUDED.url,
       content_hash = EXCLUDED.content_hash, chunking = EXCLUDED.chunking,
       media_type = EXCLUDED.media_type, size_bytes = EXCLUDED.size_bytes,
       metadata = EXCLUDED.metadata, updated_at = now()
     RETURNING id, (xmax = 0) AS inserted`,
    [
      document.collection,
      document.uri,
      document.source,
      document.title,
      document.url,
      document.contentHash,
      document.chunking,
      document.mediaType,
      document.sizeBytes,
      JSON.stringify(document.metadata),
    ],
  );
  const row = rows[0];
  if (!row) throw new Error(`upsert of ${document.uri} returned no row`);
  if (!row.inserted) {
    await transaction.query('DELETE FROM chunks WHERE document_id = $1', [row.id]);
    await transaction.query('DELETE FROM document_terms WHERE document_id = $1', [row.id]);
  }
  return row;
}

/**
 * Writes passages with their full-text vector (title weighted A, heading path B, text D) and
 * the document's lexeme counts. Returns chunk ids in passage order.
 */
export async function insertChunks(
  transaction: Queryable,
  documentId: number,
  title: string,
  chunks: readonly ChunkInput[],
): Promise<number[]> {
  const records = chunks.map((chunk, ordinal) => ({
    ordinal,
    text: chunk.text,
    heading: chunk.heading,
    page_start: chunk.pageStart,
    page_end: chunk.pageEnd,
    page_breaks: chunk.pageBreaks ?? null,
    token_count: chunk.tokenCount,
    anchor: chunk.anchor ?? null,
  }));
  const { rows } = await transaction.query<{ id: number; ordinal: number }>(
    `INSERT INTO chunks (document_id, ordinal, text, heading, page_start, page_end, page_breaks, token_count, anchor, search_vector)
     SELECT $1, t.ordinal, t.text, t.heading, t.page_start, t.page_end, t.page_breaks, t.token_count, t.anchor,
       setweight(to_tsvector('english', $2), 'A')
       || setweight(to_tsvector('english', coalesce(t.heading, '')), 'B')
       || setweight(to_tsvector('english', t.text), 'D')
     FROM jsonb_to_recordset($3::jsonb)
       AS t(ordinal int, text text, heading text, page_start int, page_end int, page_breaks int[], token_count int, anchor text)
     RETURNING id, ordinal`,
    [documentId, title, JSON.stringify(records)],
  );
  const ids: number[] = [];
  for (const row of rows) ids[row.ordinal] = row.id;
  await transaction.query(
    `INSERT INTO document_terms (document_id, lexeme, chunks)
     SELECT $1, term.lexeme, count(*)
     FROM chunks c, unnest(tsvector_to_array(c.search_vector)) AS term (lexeme)
     WHERE c.document_id = $1
     GROUP BY term.lexeme`,
    [documentId],
  );
  return ids;
}

/**
 * Adds the document's new lexemes to the vocabulary (typo correction). Last in the document's
 * transaction: another writer adding one of the same new words waits for this commit, so the
 * wait is short, and both insert in lexeme order, so they never deadlock.
 */
export async function addToVocabulary(transaction: Queryable, documentId: number): Promise<void> {
  await transaction.query(
    `INSERT INTO vocabulary (lexeme)
     SELECT terms.lexeme FROM document_terms AS terms
     WHERE terms.document_id = $1
       AND NOT EXISTS (SELECT FROM vocabulary WHERE vocabulary.lexeme = terms.lexeme)
     ORDER BY terms.lexeme
     ON CONFLICT (lexeme) DO NOTHING`,
    [documentId],
  );
}

/** Deletes documents under a uri prefix that are not in `keep`; returns their sources. */
export async function deleteDocumentsNotIn(
  database: Queryable,
  collection: string,
  uriPrefix: string,
  keep: ReadonlySet<string>,
): Promise<string[]> {
  const { rows } = await database.query<{ source: string }>(
    `DELETE FROM documents
     WHERE collection = $1 AND starts_with(uri, $2) AND NOT (uri = ANY($3::text[]))
     RETURNING source`,
    [collection, uriPrefix, [...keep]],
  );
  return rows.map((row) => row.source).sort();
}
