import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { openKnowledgeStore } from './open-knowledge-store.js';
import type { PgKnowledgeStore } from './pg-knowledge-store.js';
import {
  emptyStore,
  openTestStore,
  sampleChunk,
  sampleDocument,
  testBackends,
} from './testing/index.js';

describe.each(testBackends())('knowledge store documents on $name', (backend) => {
  let store: PgKnowledgeStore;
  let close: () => Promise<void>;
  let options: Awaited<ReturnType<typeof openTestStore>>['options'];

  beforeAll(async () => {
    ({ store, close, options } = await openTestStore(backend));
  });
  beforeEach(() => emptyStore(store));
  afterAll(() => close());

  const countChunks = async () =>
    (await store.database.query<{ count: number }>('SELECT count(*)::int AS count FROM chunks'))
      .rows[0]?.count;

  it('adds a document with its chunks and remembers its fingerprint', async () => {
    const outcome = await store.replaceDocument(sampleDocument('leave.md'), [
      sampleChunk('Twenty vacation days.'),
      sampleChunk('Ten sick days.'),
    ]);
    expect(outcome).toBe('added');
    expect(await store.fingerprint('default', 'file:///docs/leave.md')).toEqual({
      contentHash: 'hash-of-leave.md',
      chunking: 'v1:300/45',
      source: 'leave.md',
    });
    expect(await countChunks()).toBe(2);
  });

  it('writes nothing for the same content and chunking', async () => {
    await store.replaceDocument(sampleDocument('leave.md'), [sampleChunk('Twenty vacation days.')]);
    expect(
      await store.replaceDocument(sampleDocument('leave.md'), [sampleChunk('other text')]),
    ).toBe('unchanged');
    expect((await store.search({ text: 'vacation', limit: 5 })).map((hit) => hit.text)).toEqual([
      'Twenty vacation days.',
    ]);
  });

  it('replaces all chunks of a changed document', async () => {
    await store.replaceDocument(sampleDocument('leave.md'), [
      sampleChunk('Twenty vacation days.'),
      sampleChunk('Old rule.'),
    ]);
    const outcome = await store.replaceDocument(sampleDocument('leave.md', { contentHash: 'v2' }), [
      sampleChunk('Thirty vacation days.'),
    ]);
    expect(outcome).toBe('updated');
    expect(await countChunks()).toBe(1);
    expect((await store.search({ text: 'vacation', limit: 5 })).map((hit) => hit.text)).toEqual([
      'Thirty vacation days.',
    ]);
  });

  it('re-chunks unchanged content when the chunking rules change', async () => {
    await store.replaceDocument(sampleDocument('leave.md'), [sampleChunk('a b')]);
    expect(
      await store.replaceDocument(sampleDocument('leave.md', { chunking: 'v1:200/30' }), [
        sampleChunk('a'),
        sampleChunk('b'),
      ]),
    ).toBe('updated');
  });

  it('keeps the old version whole when writing the new one fails', async () => {
    await store.replaceDocument(sampleDocument('leave.md'), [sampleChunk('Twenty vacation days.')]);
    // page_end before page_start violates a check constraint halfway through the write.
    const broken = [
      sampleChunk('New text.'),
      sampleChunk('Bad pages.', { pageStart: 5, pageEnd: 2 }),
    ];
    await expect(
      store.replaceDocument(sampleDocument('leave.md', { contentHash: 'v2' }), broken),
    ).rejects.toThrow();
    expect(await store.fingerprint('default', 'file:///docs/leave.md')).toMatchObject({
      contentHash: 'hash-of-leave.md',
    });
    expect((await store.search({ text: 'vacation', limit: 5 })).map((hit) => hit.text)).toEqual([
      'Twenty vacation days.',
    ]);
    expect(await countChunks()).toBe(1);
  });

  it('reports text the database cannot store as a problem of that document', async () => {
    const error = await store
      .replaceDocument(sampleDocument('nul.md'), [sampleChunk('bad \u0000 text')])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'KnowhowError', code: 'parse_failed' });
    expect(await store.fingerprint('default', 'file:///docs/nul.md')).toBeUndefined();
  });

  it('returns each passage with where its later pages begin, and null where none were stored', async () => {
    await store.replaceDocument(sampleDocument('benefits.pdf'), [
      sampleChunk('Vacation is 25 days.\n\nDental cover starts after three months.', {
        pageStart: 1,
        pageEnd: 2,
        pageBreaks: [22],
      }),
      sampleChunk('Parking permits come from Facilities.', { pageStart: 3, pageEnd: 3 }),
    ]);
    const hits = await store.search({ text: 'vacation dental parking', limit: 5 });
    const byPage = [...hits].sort((a, b) => (a.pageStart ?? 0) - (b.pageStart ?? 0));
    expect(byPage.map((hit) => [hit.pageStart, hit.pageEnd, hit.pageBreaks])).toEqual([
      [1, 2, [22]],
      [3, 3, null],
    ]);
  });

  it('updates the source of the same content found under another root', async () => {
    await store.replaceDocument(sampleDocument('leave.md'), [sampleChunk('Twenty vacation days.')]);
    const moved = sampleDocument('leave.md', { source: 'hr/leave.md' });
    expect(await store.replaceDocument(moved, [sampleChunk('Twenty vacation days.')])).toBe(
      'updated',
    );
    expect((await store.search({ text: 'vacation', limit: 1 }))[0]?.source).toBe('hr/leave.md');
  });

  it('keeps the same file apart in two collections', async () => {
    await store.replaceDocument(sampleDocument('leave.md', { collection: 'hr' }), [
      sampleChunk('HR vacation rules.'),
    ]);
    await store.replaceDocument(sampleDocument('leave.md', { collection: 'it' }), [
      sampleChunk('IT vacation rules.'),
    ]);
    const hits = await store.search({ text: 'vacation', limit: 5, collections: ['it'] });
    expect(hits.map((hit) => [hit.collection, hit.text])).toEqual([['it', 'IT vacation rules.']]);
  });

  it('prunes documents under a folder that are not kept, and nothing else', async () => {
    for (const source of ['a/keep.md', 'a/gone.md', 'b/other.md']) {
      await store.replaceDocument(sampleDocument(source), [sampleChunk(`text of ${source}`)]);
    }
    await store.replaceDocument(sampleDocument('a/gone.md', { collection: 'other' }), [
      sampleChunk('x'),
    ]);
    const removed = await store.pruneDocuments({
      collection: 'default',
      uriPrefix: 'file:///docs/a/',
      keep: new Set(['file:///docs/a/keep.md']),
    });
    expect(removed).toEqual(['a/gone.md']);
    expect(await store.fingerprint('default', 'file:///docs/a/keep.md')).toBeDefined();
    expect(await store.fingerprint('default', 'file:///docs/b/other.md')).toBeDefined();
    expect(await store.fingerprint('other', 'file:///docs/a/gone.md')).toBeDefined();
    expect(await countChunks()).toBe(3);
  });

  it('lets two writers of the same document at once end with one copy', async () => {
    // A second store has its own connections, as a second process would.
    const second = backend.name === 'Postgres' ? await openKnowledgeStore(options) : store;
    try {
      const chunks = [sampleChunk('Twenty vacation days.'), sampleChunk('Ten sick days.')];
      const outcomes = await Promise.all([
        store.replaceDocument(sampleDocument('leave.md'), chunks),
        second.replaceDocument(sampleDocument('leave.md'), chunks),
        store.replaceDocument(sampleDocument('travel.md'), [sampleChunk('Trains.')]),
        second.replaceDocument(sampleDocument('travel.md'), [sampleChunk('Trains.')]),
      ]);
      expect(outcomes.sort()).toEqual(['added', 'added', 'unchanged', 'unchanged']);
      const { rows } = await store.database.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM documents',
      );
      expect(rows[0]?.count).toBe(2);
      expect(await countChunks()).toBe(3);
    } finally {
      if (second !== store) await second.close();
    }
  });
});
