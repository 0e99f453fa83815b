import { describe, expect, it } from '@jest/globals';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { createLlmReranker } from './llm-reranker.js';

describe('the language-model reranker', () => {
  it('reads the passage numbers the model names, ignoring ones out of range', async () => {
    const reranker = createLlmReranker(new FakeListChatModel({ responses: ['3, 1, 9'] }));
    const order = await reranker.rerank('q', ['a', 'b', 'c'], {
      signal: AbortSignal.timeout(5000),
    });
    expect(order).toEqual([2, 0]);
  });

  it('fails when the model names no passage, so the fused order is kept', async () => {
    const reranker = createLlmReranker(new FakeListChatModel({ responses: ['I cannot say.'] }));
    await expect(
      reranker.rerank('q', ['a', 'b'], { signal: AbortSignal.timeout(5000) }),
    ).rejects.toThrow('the model named no passage');
  });
});
