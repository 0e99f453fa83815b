import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConfiguredEmbeddings, EmbeddingModel } from '@knowhow/rag-core';
import { createRealEmbeddings, realModel } from '@knowhow/rag-core/testing';
import type { PgKnowledgeStore } from './pg-knowledge-store.js';
import { buildSearchQuery } from './search-query.js';
import { openTestStore, sampleChunk, sampleDocument, testBackends } from './testing/index.js';

// The hybrid search of the store with the real embedding model (all-MiniLM-L6-v2, 384
// dimensions): questions that share no word with the passage that answers them.
const passages = {
  vacation: 'Employees receive twenty five vacation days per calendar year.',
  sick: 'Sick leave requires a doctor note after three days of absence.',
  travel: 'Book train travel through the portal; flights need approval.',
  holidays: 'Public holidays of the office location are paid time off.',
};
const laptops = 'Laptops are replaced every three years; request one through the portal.';

const describeWithModel = realModel.skipReason ? describe.skip : describe;
const suite = realModel.skipReason
  ? `(skipped: ${realModel.skipReason})`
  : `with ${realModel.model} vectors`;

describeWithModel.each(testBackends())(
  `knowledge store hybrid search on $name ${suite}`,
  (backend) => {
    let store: PgKnowledgeStore;
    let close: () => Promise<void>;
    let embeddings: ConfiguredEmbeddings['embeddings'];
    let model: EmbeddingModel;

    const query = async (text: string) => ({ model, values: await embeddings.embedQuery(text) });

    beforeAll(async () => {
      ({ store, close } = await openTestStore(backend));
      const configured = await createRealEmbeddings();
      embeddings = configured.embeddings;
      model = await store.registerEmbeddingModel(configured.modelName, realModel.dimensions);
      const texts = Object.values(passages);
      await store.replaceDocument(
        sampleDocument('handbook.pdf', { title: 'Employee Handbook', collection: 'hr' }),
        texts.map((text, index) => sampleChunk(text, { pageStart: index + 1, pageEnd: index + 1 })),
        { model, values: await embeddings.embedDocuments(texts) },
      );
      await store.replaceDocument(
        sampleDocument('it/laptops.md', { title: 'Laptops', collection: 'it' }),
        [sampleChunk(laptops, { heading: 'Hardware > Laptops' })],
        { model, values: await embeddings.embedDocuments([laptops]) },
      );
    });
    afterAll(() => close());

    it('finds the passage that answers a question sharing none of its words, by meaning', async () => {
      const hits = await store.search({
        text: 'What if I am ill?',
        limit: 3,
        vector: await query('What if I am ill?'),
      });
      expect(hits[0]).toMatchObject({ text: passages.sick, vectorRank: 1, keywordRank: null });
    });

    it('fuses vector and keyword ranks: a passage in both lists leads, vector-only ones follow', async () => {
      const hits = await store.search({
        text: 'paid time off',
        limit: 5,
        vector: await query('paid time off'),
      });
      expect(hits[0]).toMatchObject({ text: passages.holidays, vectorRank: 1, keywordRank: 1 });
      const vectorOnly = hits.filter((hit) => hit.keywordRank === null);
      expect(vectorOnly.length).toBeGreaterThan(0);
      expect(vectorOnly.every((hit) => (hit.vectorDistance ?? 0) > 0)).toBe(true);
      const scores = hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('ranks by the vector alone when keywords are switched off', async () => {
      const hits = await store.search({
        text: 'vacation',
        limit: 4,
        vector: await query('booking a train trip'),
        keywords: false,
      });
      expect(hits[0]).toMatchObject({ text: passages.travel, vectorRank: 1 });
      expect(hits.every((hit) => hit.keywordRank === null)).toBe(true);
    });

    it('restricts both lists to the given collections', async () => {
      const hits = await store.search({
        text: 'my computer is old',
        limit: 5,
        collections: ['it'],
        vector: await query('my computer is old'),
      });
      expect(hits.map((hit) => hit.text)).toEqual([laptops]);
    });

    it('answers a stop-word-only keyword query from vectors alone', async () => {
      const hits = await store.search({
        text: 'the of and',
        limit: 2,
        vector: await query('booking a train trip'),
      });
      expect(hits[0]).toMatchObject({ text: passages.travel, keywordRank: null, vectorRank: 1 });
    });

    it('ranks the vector list through the model partial HNSW index', async () => {
      const { sql, params } = buildSearchQuery({
        text: 'vacation',
        limit: 5,
        vector: await query('vacation'),
      });
      const plan = await store.database.transaction(async (transaction) => {
        // The test table is tiny, so the planner rightly prefers scanning and sorting it; with
        // those off, the plan shows whether the query can use the index at all.
        await transaction.execute(
          'SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off',
        );
        const { rows } = await transaction.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN ${sql}`,
          params,
        );
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain(
        `Index Scan using chunk_embeddings_hnsw_${model.id}_${model.dimensions}`,
      );
    });
  },
);
