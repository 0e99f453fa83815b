import { afterEach, describe, expect, it } from '@jest/globals';
import type { SearchHit } from '../../store/knowledge-store.js';
import { FakeRerankServer } from '../../testing/fake-rerank-server.js';
import type { Search } from '../create-searcher.js';
import { createHttpReranker } from './http-reranker.js';
import { withReranking } from './with-reranking.js';

const texts = [
  'Parking permits are issued by facilities.',
  'Vacation days: twenty five per year.',
  'Five vacation days carry over into the next year.',
  'Laptops are replaced every three years.',
];
const hit = (text: string, index: number) =>
  ({ chunkId: index + 1, text, heading: null }) as unknown as SearchHit;
const requestedLimits: number[] = [];
const search: Search = async (_query, options = {}) => {
  requestedLimits.push(options.limit ?? 10);
  return { hits: texts.slice(0, options.limit).map(hit), mode: 'hybrid' };
};

describe('withReranking', () => {
  let server: FakeRerankServer;
  afterEach(() => server.close());

  it('reorders the fused candidates and returns the requested count', async () => {
    server = await FakeRerankServer.start('cohere');
    const events: unknown[] = [];
    const reranked = withReranking(
      search,
      createHttpReranker({ provider: 'cohere', baseUrl: server.baseUrl }),
      { candidates: 30, log: (event) => events.push(event) },
    );
    const { hits } = await reranked('vacation days carry over', { limit: 2 });
    expect(requestedLimits.at(-1)).toBe(30);
    expect(hits.map((found) => found.text)).toEqual([texts[2], texts[1]]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'rerank', candidates: 4 }));
  });

  it('keeps the fused order when the reranker fails', async () => {
    server = await FakeRerankServer.start('jina');
    server.failWith = 500;
    const events: unknown[] = [];
    const reranked = withReranking(
      search,
      createHttpReranker({ provider: 'jina', baseUrl: server.baseUrl }),
      { log: (event) => events.push(event) },
    );
    const { hits } = await reranked('vacation days carry over', { limit: 3 });
    expect(hits.map((found) => found.text)).toEqual(texts.slice(0, 3));
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rerank.failed', error: 'jina rerank answered HTTP 500' }),
    );
  });

  it('keeps the fused order when the reranker is slower than its time budget', async () => {
    server = await FakeRerankServer.start('voyage');
    server.delayMs = 1000;
    const reranked = withReranking(
      search,
      createHttpReranker({ provider: 'voyage', baseUrl: server.baseUrl }),
      { timeoutMs: 100 },
    );
    const started = performance.now();
    const { hits } = await reranked('vacation days carry over', { limit: 2 });
    expect(performance.now() - started).toBeLessThan(900);
    expect(hits.map((found) => found.text)).toEqual(texts.slice(0, 2));
  });
});
