import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpRerankProvider } from '../retrieve/rerank/http-reranker.js';
import { closeServer } from './close-server.js';
import type { RecordedRequest } from './fake-openai-server.js';

const paths: Record<HttpRerankProvider, string> = {
  cohere: '/v2/rerank',
  jina: '/v1/rerank',
  voyage: '/v1/rerank',
  tei: '/rerank',
};

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/**
 * A rerank API on localhost speaking one provider's wire format (Cohere v2, Jina, Voyage or
 * TEI). Relevance is the share of the query's words a document contains, so tests can predict
 * the order. It records requests and can fail or stall on demand.
 */
export class FakeRerankServer {
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;
  readonly #provider: HttpRerankProvider;
  readonly #apiKey: string | undefined;
  /** HTTP status to answer instead, or a delay before answering. */
  failWith: number | undefined;
  delayMs = 0;

  private constructor(provider: HttpRerankProvider, apiKey: string | undefined) {
    this.#provider = provider;
    this.#apiKey = apiKey;
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
  }

  static async start(
    provider: HttpRerankProvider,
    options: { readonly apiKey?: string } = {},
  ): Promise<FakeRerankServer> {
    const fake = new FakeRerankServer(provider, options.apiKey);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return closeServer(this.#server);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += String(chunk);
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    this.requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      body,
    });
    const send = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (request.method !== 'POST' || request.url !== paths[this.#provider]) {
      return send(404, { message: 'not found' });
    }
    if (this.#apiKey && request.headers.authorization !== `Bearer ${this.#apiKey}`) {
      return send(401, { message: 'invalid api key' });
    }
    if (this.failWith) return send(this.failWith, { message: 'failure requested by the test' });
    const query = words(typeof body.query === 'string' ? body.query : '');
    const documents = (this.#provider === 'tei' ? body.texts : body.documents) as string[];
    const scores = documents.map((document, index) => {
      const found = words(document);
      const shared = [...query].filter((word) => found.has(word)).length;
      return { index, score: query.size ? shared / query.size : 0 };
    });
    const sorted = [...scores].sort((a, b) => b.score - a.score || a.index - b.index);
    switch (this.#provider) {
      case 'tei':
        return send(200, sorted);
      case 'voyage':
        return send(200, {
          object: 'list',
          data: sorted.map((row) => ({ index: row.index, relevance_score: row.score })),
          model: body.model,
        });
      default:
        return send(200, {
          results: sorted.map((row) => ({ index: row.index, relevance_score: row.score })),
        });
    }
  }
}
