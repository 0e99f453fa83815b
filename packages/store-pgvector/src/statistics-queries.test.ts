import { setTimeout as sleep } from 'node:timers/promises';
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
    expect(await refreshStatistics(store.database)).toEqual(
      expect.arrayContaining(['chunks', 'document_terms', 'documents']),
    );
    expect(await estimatedPassages()).toBe(30);
    const { rows } = await store.database.query<{ elements: number }>(
      `SELECT cardinality(most_common_elems::text::text[]) AS elements FROM pg_stats
       WHERE schemaname = current_schema() AND tablename = 'chunks' AND attname = 'search_vector'`,
    );
    expect(rows[0]?.elements).toBeGreaterThan(0);
  });

  it('analyzes nothing when a tenth of the rows or less changed since', async () => {
    await writeDocument('second', 1);
    expect(await refreshStatistics(store.database)).not.toContain('chunks');
    expect(await estimatedPassages()).toBe(30);
  });

  it('analyzes again when more than a tenth changed', async () => {
    await writeDocument('third', 30);
    // A server publishes a session's row counts within a second of its last write.
    let analyzed: string[] = [];
    for (let attempt = 0; attempt < 30 && !analyzed.includes('chunks'); attempt += 1) {
      analyzed = await refreshStatistics(store.database);
      if (!analyzed.includes('chunks')) await sleep(200);
    }
    expect(analyzed).toContain('chunks');
    expect(await estimatedPassages()).toBe(61);
  });

  it('is what the store runs when asked to refresh its statistics', async () => {
    await writeDocument('fourth', 40);
    for (let attempt = 0; attempt < 30; attempt += 1) {
      await store.refreshStatistics();
      if ((await estimatedPassages()) === 101) break;
      await sleep(200);
    }
    expect(await estimatedPassages()).toBe(101);
  });
});
