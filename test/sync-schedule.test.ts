import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type ListingEnd,
  type ListRequest,
  type LogEvent,
  runSyncSchedule,
  type SourceChange,
} from '@knowhow/rag-core';
import { openKnowledgeStore, type PgKnowledgeStore, PgSyncStore } from '@knowhow/store-pgvector';
import { openTestStore, testBackends } from '@knowhow/store-pgvector/testing';
import { MemorySource } from './support/memory-source.js';

/** Counts passes, and how many run at the same moment. */
class WatchedSource extends MemorySource {
  running = 0;
  mostAtOnce = 0;
  passes = 0;

  override async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    this.running += 1;
    this.passes += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return yield* super.list(request);
    } finally {
      this.running -= 1;
    }
  }
}

describe.each(testBackends())('the sync schedule on $name', (backend) => {
  let first: PgKnowledgeStore;
  let second: PgKnowledgeStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestStore(backend);
    first = opened.store;
    // Postgres: a second pool, as a second process would have. PGlite: one process only.
    second = backend.name === 'Postgres' ? await openKnowledgeStore(opened.options) : first;
    close = async () => {
      if (second !== first) await second.close();
      await opened.close();
    };
  });
  afterAll(() => close());

  it('syncs each source once per interval, never twice at once, whichever process is first', async () => {
    const source = new WatchedSource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    const target = {
      name: 'wiki',
      type: 'memory',
      collection: 'eng',
      settings: 's',
      open: () => source,
    };
    const controller = new AbortController();
    const schedule = (store: PgKnowledgeStore) =>
      runSyncSchedule(
        { store, syncStore: new PgSyncStore(store.database) },
        { targets: [target], intervalMs: 1000, pollMs: 40, signal: controller.signal },
      );
    const started = Date.now();
    const running = [schedule(first), schedule(second), schedule(first)];
    // Until a few intervals have passed after the first pass (slow machines take a while).
    while (source.passes < 3 && Date.now() - started < 20_000)
      await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await Promise.all(running);
    const seconds = (Date.now() - started) / 1000;
    expect(source.mostAtOnce).toBe(1);
    expect(source.passes).toBeGreaterThanOrEqual(3);
    expect(source.passes).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect((await first.search({ text: 'laptop', limit: 5 })).length).toBe(1);
  });
  it('gives up after maxFailedRounds rounds in a row failed on the database, not before', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    // A knowledge base of its own: no other sources for the round to remove.
    const { store, close: closeStore } = await openTestStore(backend);
    const syncStore = new PgSyncStore(store.database);
    const claim = syncStore.claim.bind(syncStore);
    // The database is back for the third round only: the count starts again after it.
    let claims = 0;
    syncStore.claim = (...args) => {
      claims += 1;
      return claims === 3 ? claim(...args) : Promise.reject(new Error('connect ECONNREFUSED'));
    };
    const events: LogEvent[] = [];
    const schedule = runSyncSchedule(
      { store, syncStore, log: (event) => events.push(event) },
      {
        targets: [
          { name: 'gone', type: 'memory', collection: 'gone', settings: '', open: () => source },
        ],
        intervalMs: 60_000,
        pollMs: 10,
        maxFailedRounds: 3,
        signal: new AbortController().signal,
      },
    );
    await expect(schedule.finally(closeStore)).rejects.toMatchObject({
      code: 'database_unavailable',
      message: '3 sync rounds in a row failed on the database (the last: connect ECONNREFUSED)',
    });
    expect(claims).toBe(6);
    expect(events.filter((event) => event.type === 'sync.schedule_failed')).toHaveLength(5);
  });
});
