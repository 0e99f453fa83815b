import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sourceUri } from '@knowhow/rag-core';
import { openKnowledgeStore } from './open-knowledge-store.js';
import type { PgKnowledgeStore } from './pg-knowledge-store.js';
import { PgSyncStore } from './pg-sync-store.js';
import {
  emptyStore,
  openTestStore,
  sampleChunk,
  sampleDocument,
  testBackends,
} from './testing/index.js';

const wiki = { name: 'wiki', type: 'confluence', collection: 'eng' };
const counts = { added: 1, updated: 0, deleted: 0, unchanged: 0, failed: 0 };

describe.each(testBackends())('sync store on $name', (backend) => {
  let store: PgKnowledgeStore;
  let sync: PgSyncStore;
  let close: () => Promise<void>;
  let options: Awaited<ReturnType<typeof openTestStore>>['options'];

  beforeAll(async () => {
    ({ store, close, options } = await openTestStore(backend));
    sync = new PgSyncStore(store.database);
  });
  beforeEach(() => emptyStore(store));
  afterAll(() => close());

  const writeDocument = (id: string) =>
    store.replaceDocument(
      sampleDocument(id, { collection: 'eng', uri: sourceUri('wiki', id), source: `wiki:${id}` }),
      [sampleChunk(`Text of ${id}.`)],
    );

  it('lets one pass at a time claim a source, and the next one after release', async () => {
    const claim = await sync.claim(wiki);
    expect(claim?.state).toMatchObject({ ...wiki, cursor: undefined, lastStatus: undefined });
    expect(await sync.claim(wiki)).toBeUndefined();
    await claim?.release();
    const again = await sync.claim(wiki);
    expect(again).toBeDefined();
    await again?.release();
  });

  it('keeps the versions written and the failures, and deletes an item with its document', async () => {
    const claim = await sync.claim(wiki);
    if (!claim) throw new Error('not claimed');
    await writeDocument('1');
    await claim.saveItem({
      id: '1',
      uri: sourceUri('wiki', '1'),
      version: 'v3',
      chunking: 'c1',
      title: 'One',
      url: 'https://w/1',
      state: { etag: 'x' },
    });
    await claim.saveFailure({
      id: '2',
      uri: sourceUri('wiki', '2'),
      title: 'Two',
      url: undefined,
      reason: 'HTTP 500',
    });
    expect(await claim.items()).toEqual(
      new Map([
        [
          '1',
          {
            uri: sourceUri('wiki', '1'),
            version: 'v3',
            chunking: 'c1',
            failed: false,
            state: { etag: 'x' },
          },
        ],
        [
          '2',
          { uri: sourceUri('wiki', '2'), version: null, chunking: null, failed: true, state: null },
        ],
      ]),
    );
    await claim.saveFailure({
      id: '1',
      uri: sourceUri('wiki', '1'),
      title: undefined,
      url: undefined,
      reason: 'timeout',
    });
    expect((await claim.items()).get('1')).toMatchObject({ version: 'v3', failed: true });
    await claim.deleteItem('1');
    expect([...(await claim.items()).keys()]).toEqual(['2']);
    expect(await store.stats()).toMatchObject({ documents: 0 });
    await claim.release();
  });

  it('records each pass, keeping the cursor of the last completed one', async () => {
    let claim = await sync.claim(wiki);
    await claim?.finish({
      status: 'ok',
      counts,
      cursor: 'delta-1',
      settings: 's1',
      collection: 'eng',
      startedAt: new Date(),
    });
    await claim?.release();
    claim = await sync.claim(wiki);
    await claim?.finish({
      status: 'interrupted',
      counts,
      collection: 'eng',
      startedAt: new Date(),
    });
    await claim?.release();
    const [state] = await sync.sourceStates();
    expect(state).toMatchObject({
      cursor: 'delta-1',
      settings: 's1',
      lastStatus: 'interrupted',
      lastCounts: counts,
    });
    expect(state?.lastFinishedAt).toBeInstanceOf(Date);
  });

  it('claims a source that is due only', async () => {
    const claim = await sync.claim(wiki, { dueAfterMs: 60_000 });
    await claim?.finish({ status: 'ok', counts, collection: 'eng', startedAt: new Date() });
    await claim?.release();
    expect(await sync.claim(wiki, { dueAfterMs: 60_000 })).toBeUndefined();
    const due = await sync.claim(wiki, { dueAfterMs: 0 });
    expect(due).toBeDefined();
    await due?.release();
  });

  it('deletes all documents of a source, and forgets it', async () => {
    const claim = await sync.claim(wiki);
    if (!claim) throw new Error('not claimed');
    for (const id of ['1', '2']) {
      await writeDocument(id);
      await claim.saveItem({
        id,
        uri: sourceUri('wiki', id),
        version: '1',
        chunking: 'c1',
        title: id,
        url: 'u',
        state: null,
      });
    }
    await store.replaceDocument(sampleDocument('other.md'), [sampleChunk('Other.')]);
    expect(await claim.deleteAll()).toBe(2);
    await claim.forget();
    await claim.release();
    expect(await sync.sourceStates()).toEqual([]);
    expect(await store.stats()).toMatchObject({ documents: 1 });
  });

  if (backend.name === 'Postgres') {
    it('never lets two processes sync one source, and frees it when the holder dies', async () => {
      const other = await openKnowledgeStore(options);
      try {
        const elsewhere = new PgSyncStore(other.database);
        const claim = await sync.claim(wiki);
        expect(claim).toBeDefined();
        expect(await elsewhere.claim(wiki)).toBeUndefined();
        // The holder's connection ends as a killed process's would.
        await other.database.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 72347003 AND pid <> pg_backend_pid()`,
        );
        // The server ends the session (and its locks) a moment after the call returns.
        let taken = await elsewhere.claim(wiki);
        for (let attempt = 0; !taken && attempt < 50; attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          taken = await elsewhere.claim(wiki);
        }
        expect(taken).toBeDefined();
        await taken?.release();
        await claim?.release().catch(() => undefined);
      } finally {
        await other.close();
      }
    });
  }
});
