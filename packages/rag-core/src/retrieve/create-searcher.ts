import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { describeError, KnowhowError } from '../errors.js';
import { elapsed, type Log } from '../log-event.js';
import type { KnowledgeStore, SearchHit, SearchRequest } from '../store/knowledge-store.js';
import { findTypos, respell } from './find-typos.js';

/** `hybrid` fuses both lists; `keyword` and `vector` use one (for evaluation and comparison). */
export type SearchMode = 'hybrid' | 'keyword' | 'vector';

export interface SearchOptions {
  /** Number of passages to return (1..100). */
  readonly limit?: number;
  /** Only these collections; absent or empty searches all. */
  readonly collections?: readonly string[];
  /** Default `hybrid`. Without vectors every mode searches by keywords. */
  readonly mode?: SearchMode;
}

export interface SearchResult {
  readonly hits: SearchHit[];
  /** `keyword` when there is no embedder or the query could not be embedded. */
  readonly mode: SearchMode;
}

export type Search = (query: string, options?: SearchOptions) => Promise<SearchResult>;

export const maxSearchLimit = 100;

/** Hybrid search over the knowledge base; keyword-only when embeddings are unavailable. */
export function createSearcher(dependencies: {
  /** Without `correctSpelling`, a misspelt question is searched as typed. */
  readonly store: Pick<KnowledgeStore, 'search'> & Partial<Pick<KnowledgeStore, 'correctSpelling'>>;
  readonly embedder?: ActiveEmbedder;
  readonly log?: Log;
}): Search {
  const { store, embedder, log } = dependencies;
  return async (query, options = {}) => {
    const started = performance.now();
    const text = query.trim();
    if (!text) throw new KnowhowError('invalid_input', 'the search query is empty');
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxSearchLimit) {
      throw new KnowhowError(
        'invalid_input',
        `the result count must be 1..${maxSearchLimit}, got ${limit}`,
      );
    }
    const request: SearchRequest = {
      text,
      limit,
      ...(options.collections?.length ? { collections: options.collections } : {}),
    };
    const wanted = options.mode ?? 'hybrid';
    // The question as typed is embedded while its typos are looked up: one without typos
    // waits for no extra step, one with them is embedded again, corrected.
    const asTyped = embedder && wanted !== 'keyword' ? embedQuery(embedder, text, log) : undefined;
    const typos = await findTypos(embedder, store, request, log);
    let vector = await asTyped;
    // The model failed on the question as typed: a second query would wait as long and fail too.
    if (embedder && vector && typos.length > 0) {
      vector = await embedQuery(embedder, respell(text, typos), log);
    }
    const spelled =
      typos.length > 0 ? { ...request, typos: typos.map((typo) => typo.typed) } : request;
    const mode: SearchMode = vector ? wanted : 'keyword';
    const hits = await store.search(
      vector ? { ...spelled, vector, ...(mode === 'vector' ? { keywords: false } : {}) } : spelled,
    );
    log?.({
      type: 'search',
      mode,
      hits: hits.length,
      collections: options.collections?.length ?? 0,
      durationMs: elapsed(started),
    });
    return { hits, mode };
  };
}

async function embedQuery(embedder: ActiveEmbedder, text: string, log: Log | undefined) {
  try {
    const values = await embedder.embeddings.embedQuery(text);
    if (values.length === embedder.model.dimensions) return { model: embedder.model, values };
    log?.({
      type: 'embeddings.query_failed',
      model: embedder.model.name,
      error: `got ${values.length} dimensions`,
    });
  } catch (error) {
    // One failed query embedding should not fail the search: keywords still answer.
    log?.({
      type: 'embeddings.query_failed',
      model: embedder.model.name,
      error: describeError(error),
    });
  }
  return undefined;
}
