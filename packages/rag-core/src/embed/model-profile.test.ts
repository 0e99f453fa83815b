import { describe, expect, it } from '@jest/globals';
import { modelProfile } from './local-embeddings.js';

describe('modelProfile', () => {
  it.each([
    ['Xenova/all-MiniLM-L6-v2', 'mean', '', ''],
    [
      'Xenova/bge-small-en-v1.5',
      'cls',
      'Represent this sentence for searching relevant passages: ',
      '',
    ],
    ['Xenova/e5-small-v2', 'mean', 'query: ', 'passage: '],
    ['Xenova/multilingual-e5-small', 'mean', 'query: ', 'passage: '],
    ['nomic-ai/nomic-embed-text-v1.5', 'mean', 'search_query: ', 'search_document: '],
    ['Xenova/gte-small', 'mean', '', ''],
  ])('gives %s its pooling and query and passage prefixes', (model, pooling, query, passage) => {
    expect(modelProfile(model)).toMatchObject({
      pooling,
      queryPrefix: query,
      passagePrefix: passage,
    });
  });
});
