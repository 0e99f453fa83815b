import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { hashingVector } from '@knowhow/rag-core/testing';
import type { PgKnowledgeStore } from './pg-knowledge-store.js';
import {
  emptyStore,
  openTestStore,
  sampleChunk,
  sampleDocument,
  testBackends,
} from './testing/index.js';

describe.each(testBackends())('knowledge store catalog on $name', (backend) => {
  let store: PgKnowledgeStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, close } = await openTestStore(backend));
  });
  beforeEach(async () => {
    await emptyStore(store);
    const model = await store.registerEmbeddingModel('test:hashing', 16);
    const write = (source: string, collection: string, texts: string[]) =>
      store.replaceDocument(
        sampleDocument(source, { collection, sizeBytes: 1000 }),
        texts.map((text) => sampleChunk(text)),
        { model, values: texts.map((text) => hashingVector(text, 16)) },
      );
    await write('leave.md', 'hr', ['Twenty vacation days.', 'Ten sick days.']);
    await write('pay.md', 'hr', ['Paid monthly.']);
    await write('vpn.md', 'it', ['Use the VPN.']);
    await write('leave.md', 'it', ['IT staff follow the HR leave policy.']);
  });
  afterAll(() => close());

  const count = async (table: string) =>
    (await store.database.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`))
      .rows[0]?.count;

  it('lists collections with documents, passages and the last change', async () => {
    const before = Date.now();
    await store.replaceDocument(sampleDocument('vpn.md', { collection: 'it', contentHash: 'v2' }), [
      sampleChunk('Use the new VPN.'),
    ]);
    const collections = await store.collections();
    expect(collections.map(({ updatedAt: _, ...rest }) => rest)).toEqual([
      { name: 'hr', documents: 2, passages: 3 },
      { name: 'it', documents: 2, passages: 2 },
    ]);
    expect(collections[1]?.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(collections[1]!.updatedAt >= collections[0]!.updatedAt).toBe(true);
  });

  it('lists documents, of one collection or of all', async () => {
    expect(
      (await store.documents()).map((document) => [document.collection, document.source]),
    ).toEqual([
      ['hr', 'leave.md'],
      ['hr', 'pay.md'],
      ['it', 'leave.md'],
      ['it', 'vpn.md'],
    ]);
    expect(await store.documents(['hr'])).toEqual([
      expect.objectContaining({ source: 'leave.md', title: 'leave', passages: 2, sizeBytes: 1000 }),
      expect.objectContaining({ source: 'pay.md', passages: 1 }),
    ]);
    expect(await store.documents(['nosuch'])).toEqual([]);
  });

  it('tells whether collections hold documents', async () => {
    expect(await store.hasDocuments()).toBe(true);
    expect(await store.hasDocuments(['it', 'nosuch'])).toBe(true);
    expect(await store.hasDocuments(['nosuch'])).toBe(false);
    await emptyStore(store);
    expect(await store.hasDocuments()).toBe(false);
  });

  it('deletes a collection with its passages and vectors, leaving the others', async () => {
    const deleted = await store.deleteDocuments({ collections: ['hr'] });
    expect(deleted).toEqual([
      { collection: 'hr', source: 'leave.md', passages: 2 },
      { collection: 'hr', source: 'pay.md', passages: 1 },
    ]);
    expect((await store.collections()).map((collection) => collection.name)).toEqual(['it']);
    expect(await count('chunks')).toBe(2);
    expect(await count('chunk_embeddings')).toBe(2);
    expect(await count('document_terms WHERE document_id NOT IN (SELECT id FROM documents)')).toBe(
      0,
    );
    expect((await store.search({ text: 'vacation', limit: 5 })).length).toBe(0);
  });

  it('deletes documents by source, in every collection or in the one given', async () => {
    expect(await store.deleteDocuments({ collections: ['it'], sources: ['leave.md'] })).toEqual([
      { collection: 'it', source: 'leave.md', passages: 1 },
    ]);
    expect(
      await store.deleteDocuments({ collections: [], sources: ['leave.md', 'nosuch.md'] }),
    ).toEqual([{ collection: 'hr', source: 'leave.md', passages: 2 }]);
    expect((await store.documents()).map((document) => document.source)).toEqual([
      'pay.md',
      'vpn.md',
    ]);
  });
});
