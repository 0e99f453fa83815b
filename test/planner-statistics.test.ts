import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ingestFiles, type LogEvent, syncSources } from '@knowhow/rag-core';
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

  // ANALYZE is an optimisation: a lock timeout or a dropped connection after the writes
  // committed must not turn the run into a failure.
  const failingStatistics = () => {
    store.refreshStatistics = () =>
      Promise.reject(new Error('canceling statement due to lock timeout'));
    const events: LogEvent[] = [];
    return { events, log: (event: LogEvent) => events.push(event) };
  };
  const statisticsFailures = (events: readonly LogEvent[]) =>
    events.filter((event) => event.type === 'store.statistics_failed');

  it('an ingest whose statistics refresh fails still succeeds, and logs why', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-statistics-'));
    await writeFile(join(folder, 'vacation.md'), '# Vacation\n\nThirty days a year.');
    const { events, log } = failingStatistics();
    const summary = await ingestFiles({ store, log }, { paths: [folder] });
    expect(summary).toMatchObject({ added: 1, failed: [] });
    expect(statisticsFailures(events)).toEqual([
      { type: 'store.statistics_failed', error: 'canceling statement due to lock timeout' },
    ]);
  });

  it('a sync run whose statistics refresh fails still syncs every source', async () => {
    const first = new MemorySource();
    first.put('1', 'Laptops', 'Every engineer gets a laptop.');
    const second = new MemorySource();
    second.put('2', 'Holidays', 'There are thirty holidays.');
    const { events, log } = failingStatistics();
    const summary = await syncSources(
      { store, syncStore: new PgSyncStore(store.database), log },
      {
        targets: [
          { name: 'wiki', type: 'memory', collection: 'eng', settings: '', open: () => first },
          { name: 'hr', type: 'memory', collection: 'hr', settings: '', open: () => second },
        ],
        removeUnconfigured: true,
        whenBusy: 'skip',
      },
    );
    expect(summary.sources.map(({ name, status, added }) => ({ name, status, added }))).toEqual([
      { name: 'wiki', status: 'ok', added: 1 },
      { name: 'hr', status: 'ok', added: 1 },
    ]);
    // After each source, and once at the end.
    expect(statisticsFailures(events)).toHaveLength(3);
  });
});
