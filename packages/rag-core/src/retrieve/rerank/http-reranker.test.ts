import { afterEach, describe, expect, it } from '@jest/globals';
import { FakeRerankServer } from '../../testing/fake-rerank-server.js';
import { createHttpReranker, type HttpRerankProvider } from './http-reranker.js';

const documents = [
  'Parking permits are issued by facilities.',
  'Vacation days: twenty five per year.',
  'How many vacation days carry over? Five vacation days carry over.',
];

describe.each<HttpRerankProvider>(['cohere', 'jina', 'voyage', 'tei'])(
  'the %s reranker',
  (provider) => {
    let server: FakeRerankServer;
    afterEach(() => server.close());

    it('sends the query and documents in its wire format and returns their order', async () => {
      server = await FakeRerankServer.start(provider, { apiKey: 'key-1' });
      const reranker = createHttpReranker({ provider, baseUrl: server.baseUrl, apiKey: 'key-1' });
      const order = await reranker.rerank('how many vacation days carry over', documents, {
        signal: AbortSignal.timeout(5000),
      });
      expect(order).toEqual([2, 1, 0]);
      const [request] = server.requests;
      expect(request?.headers.authorization).toBe('Bearer key-1');
      const field = provider === 'tei' ? 'texts' : 'documents';
      expect(request?.body).toMatchObject({
        query: 'how many vacation days carry over',
        [field]: documents,
      });
      if (provider !== 'tei') expect(request?.body).toHaveProperty('model');
    });

    it('throws on an HTTP error, naming the provider and status', async () => {
      server = await FakeRerankServer.start(provider);
      server.failWith = 503;
      const reranker = createHttpReranker({ provider, baseUrl: server.baseUrl });
      await expect(
        reranker.rerank('q', documents, { signal: AbortSignal.timeout(5000) }),
      ).rejects.toThrow(`${provider} rerank answered HTTP 503`);
    });
  },
);

describe('createHttpReranker', () => {
  it('needs a base URL for self-hosted TEI', () => {
    expect(() => createHttpReranker({ provider: 'tei' })).toThrow(
      'the tei reranker needs a base URL',
    );
  });
});
