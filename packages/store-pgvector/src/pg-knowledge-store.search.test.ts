import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { EmbeddingModel } from '@knowhow/rag-core';
import { hashingVector } from '@knowhow/rag-core/testing';
import { PgKnowledgeStore } from './pg-knowledge-store.js';
import {
  emptyStore,
  openTestStore,
  sampleChunk,
  sampleDocument,
  testBackends,
} from './testing/index.js';

const passages = {
  vacation: 'Employees receive twenty five vacation days per calendar year.',
  sick: 'Sick leave requires a doctor note after three days of absence.',
  travel: 'Book train travel through the portal; flights need approval.',
  holidays: 'Public holidays of the office location are paid time off.',
};

// Keywords, and the mechanics of vectors per model with deterministic hashing vectors; hybrid
// search with real vectors is in pg-knowledge-store.vectors.test.ts.
describe.each(testBackends())('knowledge store search on $name', (backend) => {
  let store: PgKnowledgeStore;
  let close: () => Promise<void>;
  let model: EmbeddingModel;

  beforeAll(async () => {
    ({ store, close } = await openTestStore(backend));
  });
  beforeEach(async () => {
    await emptyStore(store);
    model = await store.registerEmbeddingModel('test:hashing', 32);
    const texts = Object.values(passages);
    await store.replaceDocument(
      sampleDocument('handbook.pdf', {
        title: 'Employee Handbook',
        collection: 'hr',
        mediaType: 'application/pdf',
      }),
      texts.map((text, index) => sampleChunk(text, { pageStart: index + 1, pageEnd: index + 1 })),
      { model, values: texts.map((text) => hashingVector(text, 32)) },
    );
    await store.replaceDocument(
      sampleDocument('it/laptops.md', { title: 'Laptops', collection: 'it' }),
      [
        sampleChunk('Laptops are replaced every three years; request one through the portal.', {
          heading: 'Hardware > Laptops',
        }),
      ],
    );
  });
  afterAll(() => close());

  it('finds passages by keywords, with document title, source and page', async () => {
    const [hit] = await store.search({ text: 'how many vacation days do I get', limit: 3 });
    expect(hit).toMatchObject({
      title: 'Employee Handbook',
      source: 'handbook.pdf',
      collection: 'hr',
      pageStart: 1,
      pageEnd: 1,
      text: passages.vacation,
      keywordRank: 1,
      vectorRank: null,
    });
    expect(hit?.score).toBeGreaterThan(0);
  });

  it('matches any of the words of a question, ranking passages with more of them first', async () => {
    const hits = await store.search({ text: 'sick days', limit: 5 });
    expect(hits[0]?.text).toBe(passages.sick);
    expect(hits.map((hit) => hit.text)).toContain(passages.vacation);
  });

  it('honours quoted phrases and excluded words', async () => {
    const phrase = await store.search({ text: '"train travel"', limit: 5 });
    expect(phrase.map((hit) => hit.text)).toEqual([passages.travel]);
    const excluded = await store.search({ text: 'days -sick', limit: 5 });
    expect(excluded.map((hit) => hit.text)).toEqual([passages.vacation]);
  });

  it('with a small keyword budget, takes candidates from the rarest words', async () => {
    // "doctor" is in one passage, "days" in two: a budget of 1 leaves only "doctor".
    const frugal = new PgKnowledgeStore(store.database, { search: { keywordBudget: 1 } });
    const hits = await frugal.search({ text: 'doctor days', limit: 5 });
    expect(hits.map((hit) => hit.text)).toEqual([passages.sick]);
  });

  it('when every word is more common than the budget, takes passages with all of them', async () => {
    await store.replaceDocument(sampleDocument('more.md'), [
      sampleChunk('Travel days are counted as working days.'),
      sampleChunk('Travel by train.'),
    ]);
    const frugal = new PgKnowledgeStore(store.database, { search: { keywordBudget: 1 } });
    const hits = await frugal.search({ text: 'travel days', limit: 5 });
    expect(hits.map((hit) => hit.text)).toEqual(['Travel days are counted as working days.']);
  });

  it('searches words that contain quotes, as URLs and paths can', async () => {
    // The parser keeps `/a'b?q=1` as one lexeme; candidate words are quoted for tsquery.
    const text = "See http://intranet.example/a'b?q=1 and C:\\temp\\it's";
    await store.replaceDocument(sampleDocument('odd.md'), [sampleChunk(text)]);
    const { rows } = await store.database.query<{ lexemes: string[] }>(
      "SELECT tsvector_to_array(to_tsvector('english', $1)) AS lexemes",
      [text],
    );
    expect(rows[0]?.lexemes.some((lexeme) => lexeme.includes("'"))).toBe(true);
    const hits = await store.search({ text, limit: 5 });
    expect(hits[0]?.source).toBe('odd.md');
  });

  it('returns the heading path of structured documents', async () => {
    const [hit] = await store.search({ text: 'laptop replacement', limit: 1 });
    expect(hit).toMatchObject({
      source: 'it/laptops.md',
      heading: 'Hardware > Laptops',
      pageStart: null,
    });
  });

  it('keeps vectors per model: a new model starts empty and never sees the old vectors', async () => {
    const other = await store.registerEmbeddingModel('test:other', 48);
    expect(other.id).not.toBe(model.id);
    expect(await store.chunksWithoutEmbedding(model, 10)).toHaveLength(1);
    expect(await store.chunksWithoutEmbedding(other, 10)).toHaveLength(5);
    const hits = await store.search({
      text: 'zzz',
      limit: 5,
      vector: { model: other, values: hashingVector('vacation', 48) },
    });
    expect(hits).toEqual([]);
    const missing = await store.chunksWithoutEmbedding(other, 10);
    await store.saveEmbeddings(
      other,
      missing.map((chunk) => ({ chunkId: chunk.chunkId, values: hashingVector(chunk.text, 48) })),
    );
    const found = await store.search({
      text: 'zzz',
      limit: 1,
      vector: { model: other, values: hashingVector(passages.sick, 48) },
    });
    expect(found[0]?.text).toBe(passages.sick);
    expect(await store.chunksWithoutEmbedding(model, 10)).toHaveLength(1);
  });

  it('creates a missing vector index again when the model is registered', async () => {
    const index = `chunk_embeddings_hnsw_${model.id}_32`;
    await store.database.execute(`DROP INDEX ${index}`);
    await store.registerEmbeddingModel('test:hashing', 32);
    const { rows } = await store.database.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [
      index,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('registers a model once per name and dimension', async () => {
    expect(await store.registerEmbeddingModel('test:hashing', 32)).toEqual(model);
    expect((await store.registerEmbeddingModel('test:hashing', 64)).id).not.toBe(model.id);
  });

  it('refuses vectors of the wrong dimension', async () => {
    const [chunk] = await store.chunksWithoutEmbedding(model, 1);
    await expect(
      store.saveEmbeddings(model, [{ chunkId: chunk?.chunkId ?? 0, values: [1, 2, 3] }]),
    ).rejects.toThrow('has 3 dimensions');
  });

  it('indexes and searches models beyond 2,000 dimensions (halfvec)', async () => {
    const large = await store.registerEmbeddingModel('test:large', 3072);
    const missing = await store.chunksWithoutEmbedding(large, 10);
    await store.saveEmbeddings(
      large,
      missing.map((chunk) => ({ chunkId: chunk.chunkId, values: hashingVector(chunk.text, 3072) })),
    );
    const [hit] = await store.search({
      text: 'zzz',
      limit: 1,
      vector: { model: large, values: hashingVector(passages.travel, 3072) },
    });
    expect(hit?.text).toBe(passages.travel);
  });

  it('runs with the session settings for HNSW candidates and iterative scans', async () => {
    const { rows } = await store.database.query<{ ef: string; scan: string }>(
      "SELECT current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS scan",
    );
    expect(rows[0]).toEqual({ ef: '40', scan: 'relaxed_order' });
  });
});
