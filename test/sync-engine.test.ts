import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type SyncOptions, syncSources, type SyncTarget, textContent } from '@knowhow/rag-core';
import { type PgKnowledgeStore, PgSyncStore } from '@knowhow/store-pgvector';
import { emptyStore, openTestStore, testBackends } from '@knowhow/store-pgvector/testing';
import { MemorySource } from './support/memory-source.js';

describe.each(testBackends())('the sync engine on $name', (backend) => {
  let store: PgKnowledgeStore;
  let close: () => Promise<void>;
  let syncStore: PgSyncStore;

  beforeAll(async () => {
    ({ store, close } = await openTestStore(backend));
    syncStore = new PgSyncStore(store.database);
  });
  beforeEach(() => emptyStore(store));
  afterAll(() => close());

  const target = (source: MemorySource, overrides: Partial<SyncTarget> = {}): SyncTarget => ({
    name: 'wiki',
    type: 'memory',
    collection: 'eng',
    settings: 'settings-1',
    open: () => source,
    ...overrides,
  });
  const sync = async (targets: SyncTarget[], options: Partial<SyncOptions> = {}) =>
    (await syncSources({ store, syncStore }, { targets, whenBusy: 'skip', ...options })).sources;
  const search = async (text: string) =>
    (await store.search({ text, limit: 10 })).map((hit) => hit.title);
  const counts = (
    result:
      | {
          added: number;
          updated: number;
          deleted: number;
          unchanged: number;
          failed: readonly unknown[];
        }
      | undefined,
  ) =>
    result && {
      added: result.added,
      updated: result.updated,
      deleted: result.deleted,
      unchanged: result.unchanged,
      failed: result.failed.length,
    };

  it('writes every item on the first pass with its source, url and metadata', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    source.put('2', 'Holidays', 'There are thirty holidays.');
    const [result] = await sync([target(source)]);
    expect(result).toMatchObject({ name: 'wiki', type: 'memory', status: 'ok', added: 2 });
    const [hit] = await store.search({ text: 'laptop', limit: 1 });
    expect(hit).toMatchObject({
      collection: 'eng',
      title: 'Laptops',
      source: 'wiki:SPACE/Laptops',
      url: 'https://wiki.example/pages/1',
      uri: 'sync://wiki/1',
    });
    const { rows } = await store.database.query<{ metadata: unknown }>(
      "SELECT metadata FROM documents WHERE uri = 'sync://wiki/1'",
    );
    expect(rows[0]?.metadata).toEqual({
      sync: { source: 'wiki', type: 'memory', id: '1' },
      author: 'ada',
      permissions: { space: 'SPACE' },
    });
  });

  it('downloads and writes nothing when nothing changed, and only the changed item after an edit', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    source.put('2', 'Holidays', 'There are thirty holidays.');
    await sync([target(source)]);
    source.fetched.length = 0;
    expect(counts((await sync([target(source)]))[0])).toEqual({
      added: 0,
      updated: 0,
      deleted: 0,
      unchanged: 2,
      failed: 0,
    });
    expect(source.fetched).toEqual([]);
    source.put('2', 'Public holidays', 'There are twelve public holidays.');
    expect(counts((await sync([target(source)]))[0])).toEqual({
      added: 0,
      updated: 1,
      deleted: 0,
      unchanged: 1,
      failed: 0,
    });
    expect(source.fetched).toEqual(['2']);
    expect(await search('holidays')).toEqual(['Public holidays']);
  });

  it('deletes what a complete listing no longer names', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    source.put('2', 'Holidays', 'There are thirty holidays.');
    await sync([target(source)]);
    source.remove('2');
    expect((await sync([target(source)]))[0]).toMatchObject({ deleted: 1, unchanged: 1 });
    expect(await search('holidays')).toEqual([]);
  });

  it('applies deletions and moves from a change feed, listing only what changed', async () => {
    const source = new MemorySource('delta');
    for (const id of ['1', '2', '3']) source.put(id, `Page ${id}`, `Text number ${id} here.`);
    await sync([target(source)]);
    source.fetched.length = 0;
    source.remove('1');
    source.put('3', 'Moved page 3', 'Text number 3 here.');
    expect(counts((await sync([target(source)]))[0])).toEqual({
      added: 0,
      updated: 1,
      deleted: 1,
      unchanged: 0,
      failed: 0,
    });
    expect(source.fetched).toEqual(['3']);
    expect(
      (await store.search({ text: 'text number', limit: 10 })).map((hit) => hit.uri).sort(),
    ).toEqual(['sync://wiki/2', 'sync://wiki/3']);
  });

  it('reports a failing item, keeps its old document, and retries it on the next pass', async () => {
    for (const mode of ['complete', 'delta'] as const) {
      await emptyStore(store);
      const source = new MemorySource(mode);
      source.put('1', 'Laptops', 'Every engineer gets a laptop.');
      source.put('2', 'Holidays', 'There are thirty holidays.');
      await sync([target(source)]);
      source.put('2', 'Holidays', 'Changed text.', 'HTTP 500 from the server');
      const [failed] = await sync([target(source)]);
      expect(failed?.status).toBe('partial');
      expect(failed?.failed).toEqual([
        {
          id: '2',
          title: 'Holidays',
          url: 'https://wiki.example/pages/2',
          reason: 'HTTP 500 from the server',
        },
      ]);
      expect(await search('thirty holidays')).toEqual(['Holidays']);
      const page = source.pages.get('2');
      if (page) delete page.fails;
      source.fetched.length = 0;
      expect(counts((await sync([target(source)]))[0])).toMatchObject({ updated: 1, failed: 0 });
      expect(source.fetched).toEqual(['2']);
    }
  });

  it('parses items within ingest budgets: a page that takes too long is reported, the rest written', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    // 9 MB of text: seconds of splitting on a busy machine, over 1 s even on a quiet one.
    const large = 'Employees book travel through the portal and file expenses within 30 days.\n';
    source.putContent('2', 'Large page', textContent('text', large.repeat(120_000)));
    source.putContent('3', 'Empty page', textContent('html', '<html><body></body></html>'));
    const [result] = await sync([target(source)], {
      parseBudget: { timeBudgetMs: 1_000, timePerMegabyteMs: 0 },
    });
    expect(result?.status).toBe('partial');
    expect(counts(result)).toMatchObject({ added: 1, failed: 2 });
    expect(result?.failed.map((item) => [item.id, item.reason]).sort()).toEqual([
      ['2', expect.stringMatching(/parsing took more than 1 s of CPU time/)],
      ['3', expect.stringMatching(/no text/)],
    ]);
    expect(await search('engineer laptop')).toEqual(['Laptops']);
  });

  it('keeps the documents of a source that fails and syncs the others', async () => {
    const broken = new MemorySource();
    broken.put('1', 'Laptops', 'Every engineer gets a laptop.');
    await sync([target(broken)]);
    broken.listingError = new Error('Confluence refused the credentials (401)');
    const healthy = new MemorySource();
    healthy.put('a', 'Parking', 'Park in the garage.');
    const results = await sync([
      target(broken),
      target(healthy, { name: 'intranet' }),
      target(healthy, {
        name: 'bad',
        open: () => {
          throw new Error('sources[2].url: required');
        },
      }),
    ]);
    expect(results.map((result) => [result.name, result.status, result.error])).toEqual([
      ['wiki', 'failed', 'Confluence refused the credentials (401)'],
      ['intranet', 'ok', undefined],
      ['bad', 'failed', 'sources[2].url: required'],
    ]);
    expect(await search('laptop')).toEqual(['Laptops']);
    expect(await search('garage')).toEqual(['Parking']);
  });

  it('resumes an interrupted pass without writing anything twice', async () => {
    const source = new MemorySource();
    for (let id = 1; id <= 12; id += 1) source.put(String(id), `Page ${id}`, `Body of page ${id}.`);
    source.delayMs = 5;
    const controller = new AbortController();
    const [stopped] = await sync([target(source)], {
      signal: controller.signal,
      concurrency: 1,
      onProgress: ({ done }) => {
        if (done === 4) controller.abort();
      },
    });
    expect(stopped?.status).toBe('interrupted');
    const written = stopped?.added ?? 0;
    expect(written).toBeGreaterThanOrEqual(4);
    expect(written).toBeLessThan(12);
    source.fetched.length = 0;
    const [resumed] = await sync([target(source)]);
    expect(resumed).toMatchObject({ status: 'ok', added: 12 - written, unchanged: written });
    expect(source.fetched).toHaveLength(12 - written);
    const { rows } = await store.database.query<{ documents: number; chunks: number }>(
      'SELECT count(DISTINCT d.id)::int AS documents, count(*)::int AS chunks FROM documents d JOIN chunks c ON c.document_id = d.id',
    );
    expect(rows[0]).toEqual({ documents: 12, chunks: 12 });
  });

  it('rewrites every item when the chunking rules change, and moves documents to a new collection', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    await sync([target(source)]);
    source.fetched.length = 0;
    await sync([target(source)], { chunking: { chunkTokens: 200, overlapTokens: 20 } });
    expect(source.fetched).toEqual(['1']);
    const [moved] = await sync([target(source, { collection: 'handbook' })], {
      chunking: { chunkTokens: 200, overlapTokens: 20 },
    });
    expect(moved).toMatchObject({ added: 1 });
    expect((await store.collections()).map((collection) => collection.name)).toEqual(['handbook']);
  });

  it('removes the documents of a source that is no longer configured', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    await sync([target(source)]);
    const results = await sync([], { removeUnconfigured: true });
    expect(results).toEqual([expect.objectContaining({ name: 'wiki', removed: true, deleted: 1 })]);
    expect(await search('laptop')).toEqual([]);
    expect(await syncStore.sourceStates()).toEqual([]);
  });

  it('leaves a source another pass holds, or waits for it', async () => {
    const source = new MemorySource();
    source.put('1', 'Laptops', 'Every engineer gets a laptop.');
    const claim = await syncStore.claim({ name: 'wiki', type: 'memory', collection: 'eng' });
    expect(await sync([target(source)])).toEqual([]);
    const waited: string[] = [];
    const pending = sync([target(source)], {
      whenBusy: 'wait',
      pollMs: 20,
      onWaiting: (name) => waited.push(name),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await claim?.release();
    expect((await pending)[0]).toMatchObject({ added: 1 });
    expect(waited).toEqual(['wiki']);
  });
});
