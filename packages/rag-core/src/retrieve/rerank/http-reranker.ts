import { z } from 'zod';
import { KnowhowError } from '../../errors.js';
import type { Reranker } from './reranker.js';

export type HttpRerankProvider = 'cohere' | 'jina' | 'voyage' | 'tei';

export interface HttpRerankerOptions {
  readonly provider: HttpRerankProvider;
  /** The API's origin; TEI has no default (it is self-hosted). */
  readonly baseUrl?: string;
  readonly apiKey?: string;
  readonly model?: string;
}

interface WireFormat {
  readonly baseUrl?: string;
  readonly path: string;
  readonly model?: string;
  body(query: string, documents: readonly string[], model: string | undefined): unknown;
  /** Indices in the order the API ranked them. */
  order(json: unknown): number[];
}

// Only the fields read: each API's `index` and its relevance score.
const scored = z.object({ index: z.number().int().nonnegative(), relevance_score: z.number() });
const byScore = (rows: readonly { index: number; score: number }[]) =>
  [...rows].sort((a, b) => b.score - a.score).map((row) => row.index);
const results = (json: unknown) =>
  byScore(
    z
      .object({ results: z.array(scored) })
      .parse(json)
      .results.map((row) => ({ index: row.index, score: row.relevance_score })),
  );

const formats: Record<HttpRerankProvider, WireFormat> = {
  // Cohere v2: https://docs.cohere.com/reference/rerank
  cohere: {
    baseUrl: 'https://api.cohere.com',
    path: '/v2/rerank',
    model: 'rerank-v3.5',
    body: (query, documents, model) => ({ model, query, documents, top_n: documents.length }),
    order: results,
  },
  // Jina: https://jina.ai/reranker
  jina: {
    baseUrl: 'https://api.jina.ai',
    path: '/v1/rerank',
    model: 'jina-reranker-v2-base-multilingual',
    body: (query, documents, model) => ({
      model,
      query,
      documents,
      top_n: documents.length,
      return_documents: false,
    }),
    order: results,
  },
  // Voyage: https://docs.voyageai.com/reference/reranker-api
  voyage: {
    baseUrl: 'https://api.voyageai.com',
    path: '/v1/rerank',
    model: 'rerank-2',
    body: (query, documents, model) => ({ model, query, documents, top_k: documents.length }),
    order: (json) =>
      byScore(
        z
          .object({ data: z.array(scored) })
          .parse(json)
          .data.map((row) => ({ index: row.index, score: row.relevance_score })),
      ),
  },
  // Hugging Face text-embeddings-inference: POST /rerank {query, texts} -> [{index, score}]
  tei: {
    path: '/rerank',
    body: (query, documents) => ({ query, texts: documents, truncate: true }),
    order: (json) =>
      byScore(
        z.array(z.object({ index: z.number().int().nonnegative(), score: z.number() })).parse(json),
      ),
  },
};

/** A reranker behind one of the rerank HTTP APIs. */
export function createHttpReranker(options: HttpRerankerOptions): Reranker {
  const format = formats[options.provider];
  const baseUrl = options.baseUrl ?? format.baseUrl;
  if (!baseUrl) {
    throw new KnowhowError('invalid_input', `the ${options.provider} reranker needs a base URL`);
  }
  const model = options.model ?? format.model;
  // The path is appended, so a base URL with a path prefix (a proxy) keeps it.
  const url = `${baseUrl.replace(/\/+$/, '')}${format.path}`;
  return {
    name: model ? `${options.provider}:${model}` : options.provider,
    async rerank(query, documents, { signal }) {
      const response = await fetch(url, {
        method: 'POST',
        signal,
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify(format.body(query, documents, model)),
      });
      if (!response.ok) {
        throw new Error(`${options.provider} rerank answered HTTP ${response.status}`);
      }
      return format.order(await response.json());
    },
  };
}
