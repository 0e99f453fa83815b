import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { hasWordVocabulary } from '../embed/word-vocabulary.js';
import { describeError, KnowhowError } from '../errors.js';
import { elapsed, type Log } from '../log-event.js';
import type { KnowledgeStore, SearchHit, SearchRequest } from '../store/knowledge-store.js';

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
  /** Without `correctSpelling`, a misspelt question is embedded as typed. */
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
    const vector =
      embedder && wanted !== 'keyword'
        ? await embedSpelledQuery(embedder, store, request, log)
        : undefined;
    const mode: SearchMode = vector ? wanted : 'keyword';
    const hits = await store.search(
      vector ? { ...request, vector, ...(mode === 'vector' ? { keywords: false } : {}) } : request,
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

/**
 * Embeds the question with its typos corrected: a misspelt word is unrelated word pieces to the
 * model, which moves the query's vector far from what it means. Only words the model does not
 * know as whole words are corrected (a model without a vocabulary to ask: none), so a word
 * the knowledge base never uses is still meant. The question as typed is embedded meanwhile,
 * so a question without typos waits for no extra step. Keyword search corrects on its own.
 */
async function embedSpelledQuery(
  embedder: ActiveEmbedder,
  store: { correctSpelling?: KnowledgeStore['correctSpelling'] },
  request: SearchRequest,
  log: Log | undefined,
) {
  const asTyped = embedQuery(embedder, request.text, log);
  const { embeddings } = embedder;
  if (!store.correctSpelling || !hasWordVocabulary(embeddings)) return asTyped;
  const corrections = await store
    .correctSpelling({
      text: request.text,
      ...(request.collections ? { collections: request.collections } : {}),
    })
    // Correcting is a refinement: a failure leaves the question as typed, and says why.
    .catch((error: unknown) => {
      log?.({ type: 'search.spelling_failed', error: describeError(error) });
      return [];
    });
  let spelled = request.text;
  for (const { typed, word } of corrections) {
    if (await embeddings.knowsWord(typed).catch(() => true)) continue;
    const escaped = typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    spelled = spelled.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'),
      word,
    );
  }
  if (spelled === request.text) return asTyped;
  // The model failed on the question as typed: a second query would wait as long and fail too.
  if (!(await asTyped)) return undefined;
  return embedQuery(embedder, spelled, log);
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
