import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PgKnowledgeStore } from './pg-knowledge-store.js';
import { refreshStatistics } from './statistics-queries.js';
import { openTestStore, sampleChunk, sampleDocument, testBackends } from './testing/index.js';

// In order: each test starts from what the one before left.
describe.each(testBackends())('planner statistics on $name', (backend) => {
  let store: PgKnowledgeStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, close } = await openTestStore(backend));
  });
  afterAll(() => close());

  const writeDocument = (name: string, passages: number) =>
    store.replaceDocument(
      sampleDocument(`${name}.md`),
      Array.from({ length: passages }, (_, index) =>
        sampleChunk(`Passage ${index} of ${name} about vacation days and travel.`),
      ),
    );
  const estimatedPassages = async () => {
    const { rows } = await store.database.query<{ reltuples: number }>(
      "SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'chunks'::regclass",
    );
    return rows[0]?.reltuples;
  };

  it('has none before the first refresh: the passage count is unknown', async () => {
    await writeDocument('first', 30);
    expect(await estimatedPassages()).toBe(-1);
  });

  it('analyzes the tables that were never analyzed, so the passage count is known', async () => {
    expect(await refreshStatistics(store.database, { documents: 1, vectors: 0 })).toEqual(
      expect.arrayContaining(['chunks', 'document_terms', 'documents']),
    );
    expect(await estimatedPassages()).toBe(30);
    const { rows } = await store.database.query<{ elements: number }>(
      `SELECT cardinality(most_common_elems::text::text[]) AS elements FROM pg_stats
       WHERE schemaname = current_schema() AND tablename = 'chunks' AND attname = 'search_vector'`,
    );
    expect(rows[0]?.elements).toBeGreaterThan(0);
  });

  it('analyzes nothing when the batch wrote a tenth of the documents or less', async () => {
    await writeDocument('second', 1);
    expect(await refreshStatistics(store.database, { documents: 0, vectors: 0 })).toEqual([]);
    expect(await estimatedPassages()).toBe(30);
  });

  it('analyzes at once, by the batch own counts, when more than a tenth changed', async () => {
    // Right after the write: the server's n_mod_since_analyze may not show it yet.
    await writeDocument('third', 30);
    expect(await refreshStatistics(store.database, { documents: 1, vectors: 0 })).toEqual(
      expect.arrayContaining(['chunks', 'document_terms', 'documents']),
    );
    expect(await estimatedPassages()).toBe(61);
  });

  it('analyzes only the vectors when a backfill saved more than a tenth of them', async () => {
    const analyzed = await refreshStatistics(store.database, { documents: 0, vectors: 1000 });
    expect(analyzed).not.toContain('chunks');
    expect(analyzed).toContain('chunk_embeddings');
  });

  it('is what the store runs when asked to refresh its statistics', async () => {
    await writeDocument('fourth', 40);
    await store.refreshStatistics({ documents: 1, vectors: 0 });
    expect(await estimatedPassages()).toBe(101);
  });
});
