import { describe, expect, it } from '@jest/globals';
import { FakeEmbeddings } from '@langchain/core/utils/testing';
import { HashingEmbeddings } from '../testing/hashing-embeddings.js';
import { embeddingText, embedPassages } from './embed-passages.js';

const model = { id: 1, name: 'test:hashing', dimensions: 16 };
const passages = Array.from({ length: 5 }, (_, index) => ({
  title: 'Handbook',
  heading: index % 2 ? 'Leave' : null,
  text: `passage ${index}`,
}));

describe('embedPassages', () => {
  it('embeds in batches, one vector per passage, logging each batch', async () => {
    const events: unknown[] = [];
    const vectors = await embedPassages(
      { embeddings: new HashingEmbeddings(16), model },
      passages,
      { batchSize: 2, log: (event) => events.push(event) },
    );
    expect(vectors).toHaveLength(5);
    expect(events.map((event) => (event as { count: number }).count)).toEqual([2, 2, 1]);
  });

  it('gives passages their place in the document as context', () => {
    expect(
      embeddingText({ title: 'Handbook', heading: 'Leave > Vacation', text: 'Twenty days.' }),
    ).toBe('Handbook > Leave > Vacation\n\nTwenty days.');
    expect(embeddingText({ title: 'Handbook', heading: null, text: 'Intro.' })).toBe(
      'Handbook\n\nIntro.',
    );
  });

  it('refuses vectors of another dimension than the model has', async () => {
    // FakeEmbeddings answers 4-dimensional vectors.
    await expect(
      embedPassages({ embeddings: new FakeEmbeddings(), model }, passages),
    ).rejects.toMatchObject({
      code: 'embeddings_failed',
      message: 'test:hashing returned vectors of the wrong count or dimension',
    });
  });
});
