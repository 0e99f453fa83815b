import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ingestFiles, syncSources } from '@knowhow/rag-core';
import { type PgKnowledgeStore, PgSyncStore } from '@knowhow/store-pgvector';
import { openTestStore, testBackends } from '@knowhow/store-pgvector/testing';
import { MemorySource } from './support/memory-source.js';

// Keyword ranking reads the planner's statistics; PGlite has no autovacuum to gather them.
describe.each(testBackends())('planner statistics after writing on $name', (backend) => {
  let store: PgKnowledgeStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(backend));
  });
  afterEach(() => close());

  const analyzed = async () => {
    const { rows } = await store.database.query<{ reltuples: number; passages: number }>(
      `SELECT (SELECT reltuples::float8 FROM pg_class WHERE oid = 'chunks'::regclass) AS reltuples,
         (SELECT count(*)::float8 FROM chunks) AS passages`,
    );
    return rows[0];
  };

  it('an ingest leaves the passage count known to the planner', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-statistics-'));
    for (const name of ['vacation', 'travel', 'laptops'])
      await writeFile(join(folder, `${name}.md`), `# ${name}\n\nWhat to know about ${name}.`);
    await ingestFiles({ store }, { paths: [folder] });
    expect(await analyzed()).toEqual({ reltuples: 3, passages: 3 });
  });

  it('a sync run leaves the passage count known to the planner', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    source.put('2', 'Holidays', 'There are thirty holidays.');
    await syncSources(
      { store, syncStore: new PgSyncStore(store.database) },
      {
        targets: [
          { name: 'wiki', type: 'memory', collection: 'eng', settings: '', open: () => source },
        ],
        whenBusy: 'skip',
      },
    );
    expect(await analyzed()).toEqual({ reltuples: 2, passages: 2 });
  });
});
