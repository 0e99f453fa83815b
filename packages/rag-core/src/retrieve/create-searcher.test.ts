import { describe, expect, it } from '@jest/globals';
import { FakeEmbeddings } from '@langchain/core/utils/testing';
import type { LogEvent } from '../log-event.js';
import type { SearchHit, SearchRequest } from '../store/knowledge-store.js';
import { HashingEmbeddings, hashingVector } from '../testing/hashing-embeddings.js';
import { createSearcher } from './create-searcher.js';

function recordingStore() {
  const requests: SearchRequest[] = [];
  return {
    requests,
    search: async (request: SearchRequest): Promise<SearchHit[]> => {
      requests.push(request);
      return [];
    },
  };
}

const model = { id: 3, name: 'test:hashing', dimensions: 16 };

class FailingEmbeddings extends FakeEmbeddings {
  override async embedQuery(): Promise<number[]> {
    throw new Error('429 rate limited');
  }
}

describe('createSearcher', () => {
  it('sends the query vector of the active model for hybrid search', async () => {
    const store = recordingStore();
    const search = createSearcher({
      store,
      embedder: { embeddings: new HashingEmbeddings(16), model },
    });
    const result = await search('  vacation days  ', { limit: 3, collections: ['hr'] });
    expect(result.mode).toBe('hybrid');
    expect(store.requests[0]).toMatchObject({
      text: 'vacation days',
      limit: 3,
      collections: ['hr'],
      vector: { model },
    });
    expect(store.requests[0]?.vector?.values).toHaveLength(16);
  });

  it('searches by keywords when there is no embedder', async () => {
    const store = recordingStore();
    const result = await createSearcher({ store })('vacation');
    expect(result.mode).toBe('keyword');
    expect(store.requests[0]?.vector).toBeUndefined();
    expect(store.requests[0]?.limit).toBe(10);
  });

  it('falls back to keywords when the query cannot be embedded, and logs it', async () => {
    const store = recordingStore();
    const events: unknown[] = [];
    const search = createSearcher({
      store,
      embedder: { embeddings: new FailingEmbeddings(), model },
      log: (event) => events.push(event),
    });
    expect((await search('vacation')).mode).toBe('keyword');
    expect(events).toContainEqual({
      type: 'embeddings.query_failed',
      model: 'test:hashing',
      error: '429 rate limited',
    });
  });

  // A model vocabulary that knows every word but the typo.
  class WordEmbeddings extends HashingEmbeddings {
    async knowsWord(word: string): Promise<boolean> {
      return !['gendr', 'hearin'].includes(word);
    }
  }
  const correctingStore = () => ({
    ...recordingStore(),
    correctSpelling: async () => [
      { typed: 'gendr', word: 'gender' },
      { typed: 'storm', word: 'store' },
    ],
  });

  it('embeds the question with the typos corrected and names them to keyword search', async () => {
    const store = correctingStore();
    const search = createSearcher({
      store,
      embedder: { embeddings: new WordEmbeddings(16), model },
    });
    await search('Gendr care after a storm');
    expect(store.requests[0]).toMatchObject({ text: 'Gendr care after a storm', typos: ['gendr'] });
    // "storm" is a word of the model's vocabulary: meant, even if no passage has it.
    expect(store.requests[0]?.vector?.values).toEqual(
      hashingVector('gender care after a storm', 16),
    );
  });

  it('takes no word for a typo when the model has no vocabulary to ask', async () => {
    const store = correctingStore();
    const search = createSearcher({
      store,
      embedder: { embeddings: new HashingEmbeddings(16), model },
    });
    await search('gendr care');
    expect(store.requests[0]?.vector?.values).toEqual(hashingVector('gendr care', 16));
    expect(store.requests[0]?.typos).toBeUndefined();
  });

  it('embeds the question as typed when correcting its spelling fails, and logs why', async () => {
    const store = {
      ...recordingStore(),
      correctSpelling: async (): Promise<never[]> => {
        throw new Error('connection reset');
      },
    };
    const events: LogEvent[] = [];
    const search = createSearcher({
      store,
      embedder: { embeddings: new WordEmbeddings(16), model },
      log: (event) => events.push(event),
    });
    expect((await search('gendr care')).mode).toBe('hybrid');
    expect(store.requests[0]?.vector?.values).toEqual(hashingVector('gendr care', 16));
    expect(events).toContainEqual({ type: 'search.spelling_failed', error: 'connection reset' });
  });

  it('does not embed the corrected question when the model failed on it as typed', async () => {
    class FailingWordEmbeddings extends WordEmbeddings {
      queries = 0;
      override async embedQuery(): Promise<number[]> {
        this.queries += 1;
        throw new Error('model unavailable');
      }
    }
    const embeddings = new FailingWordEmbeddings(16);
    const events: LogEvent[] = [];
    const search = createSearcher({
      store: correctingStore(),
      embedder: { embeddings, model },
      log: (event) => events.push(event),
    });
    expect((await search('gendr care')).mode).toBe('keyword');
    expect(embeddings.queries).toBe(1);
    expect(events.filter((event) => event.type === 'embeddings.query_failed')).toHaveLength(1);
  });

  it.each([
    ['', {}, 'the search query is empty'],
    ['q', { limit: 0 }, 'the result count must be 1..100, got 0'],
    ['q', { limit: 101 }, 'the result count must be 1..100, got 101'],
  ])('rejects query %p with options %p', async (query, options, message) => {
    await expect(createSearcher({ store: recordingStore() })(query, options)).rejects.toMatchObject(
      { code: 'invalid_input', message },
    );
  });
});
