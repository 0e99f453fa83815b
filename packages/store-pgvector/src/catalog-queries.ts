import type { Queryable } from './database.js';

/** A collection as `knowhow collections` lists it. */
export interface CollectionSummary {
  readonly name: string;
  readonly documents: number;
  readonly passages: number;
  /** When a document of it was last added or changed. */
  readonly updatedAt: Date;
}

/** A document as `knowhow documents` lists it. */
export interface DocumentSummary {
  readonly collection: string;
  readonly source: string;
  /** Identity: `file:///absolute/path` or an address. */
  readonly uri: string;
  readonly title: string;
  readonly passages: number;
  readonly sizeBytes: number;
  readonly updatedAt: Date;
}

export interface DeletedDocument {
  readonly collection: string;
  readonly source: string;
  readonly passages: number;
}

export async function listCollections(database: Queryable): Promise<CollectionSummary[]> {
  const { rows } = await database.query<{
    name: string;
    documents: number;
    passages: number;
    updated_at: Date | string;
  }>(
    `SELECT d.collection AS name, count(*)::int AS documents,
       coalesce(sum(c.passages), 0)::int AS passages, max(d.updated_at) AS updated_at
     FROM documents d
     LEFT JOIN LATERAL (SELECT count(*) AS passages FROM chunks WHERE document_id = d.id) c ON true
     GROUP BY d.collection ORDER BY d.collection`,
  );
  return rows.map((row) => ({
    name: row.name,
    documents: row.documents,
    passages: row.passages,
    updatedAt: new Date(row.updated_at),
  }));
}

/** Whether any of these collections (any at all, when empty) holds a document. */
export async function hasDocuments(
  database: Queryable,
  collections: readonly string[],
): Promise<boolean> {
  const { rows } = await database.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM documents WHERE cardinality($1::text[]) = 0 OR collection = ANY($1::text[])
     ) AS found`,
    [[...collections]],
  );
  return rows[0]?.found === true;
}

export async function listDocuments(
  database: Queryable,
  collections: readonly string[],
): Promise<DocumentSummary[]> {
  const { rows } = await database.query<{
    collection: string;
    source: string;
    uri: string;
    title: string;
    passages: number;
    size_bytes: number | string;
    updated_at: Date | string;
  }>(
    `SELECT d.collection, d.source, d.uri, d.title, d.size_bytes, d.updated_at,
       (SELECT count(*) FROM chunks WHERE document_id = d.id)::int AS passages
     FROM documents d
     WHERE cardinality($1::text[]) = 0 OR d.collection = ANY($1::text[])
     ORDER BY d.collection, d.source`,
    [[...collections]],
  );
  return rows.map((row) => ({
    collection: row.collection,
    source: row.source,
    uri: row.uri,
    title: row.title,
    passages: row.passages,
    sizeBytes: Number(row.size_bytes),
    updatedAt: new Date(row.updated_at),
  }));
}

/**
 * Deletes documents (their passages, vectors and term counts go with them) of the given
 * collections, or of all when none are given; only those whose source is listed, when
 * `sources` is given.
 */
export async function deleteDocuments(
  database: Queryable,
  request: { readonly collections: readonly string[]; readonly sources?: readonly string[] },
): Promise<DeletedDocument[]> {
  const { rows } = await database.query<DeletedDocument>(
    `WITH doomed AS (
       SELECT d.id, d.collection, d.source,
         (SELECT count(*) FROM chunks WHERE document_id = d.id)::int AS passages
       FROM documents d
       WHERE (cardinality($1::text[]) = 0 OR d.collection = ANY($1::text[]))
         AND ($2::text[] IS NULL OR d.source = ANY($2::text[]))
     ), deleted AS (
       DELETE FROM documents d USING doomed WHERE d.id = doomed.id RETURNING d.id
     )
     SELECT doomed.collection, doomed.source, doomed.passages
     FROM doomed JOIN deleted USING (id) ORDER BY doomed.collection, doomed.source`,
    [[...request.collections], request.sources ? [...request.sources] : null],
  );
  return rows;
}
