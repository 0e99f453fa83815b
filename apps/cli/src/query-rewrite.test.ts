import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LogEvent, Search } from '@knowhow/rag-core';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { withConfiguredRewrite } from './query-rewrite.js';

describe('withConfiguredRewrite', () => {
  let openai: FakeOpenAIServer;
  const asked: string[] = [];
  const search: Search = async (query) => {
    asked.push(query);
    return { hits: [], mode: 'hybrid' };
  };
  const withModel = () =>
    ({
      KNOWHOW_LLM: 'openai',
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_API_KEY: 'sk-test',
    }) as const;

  beforeAll(async () => {
    openai = await FakeOpenAIServer.start({ apiKey: 'sk-test' });
    openai.respondWith(() => ({ content: 'vacation policy\nannual leave' }));
  });
  afterAll(() => openai.stop());

  it('leaves the search untouched when off, or without a language model', async () => {
    expect(
      await withConfiguredRewrite(search, { ...withModel(), KNOWHOW_QUERY_REWRITE: 'none' }),
    ).toBe(search);
    expect(
      await withConfiguredRewrite(search, { KNOWHOW_LLM: 'none', KNOWHOW_QUERY_REWRITE: 'multi' }),
    ).toBe(search);
    expect(
      await withConfiguredRewrite(
        search,
        { ...withModel(), KNOWHOW_QUERY_REWRITE: 'hyde' },
        { vectors: false },
      ),
    ).toBe(search);
    expect(openai.requestsTo('/v1/chat/completions')).toHaveLength(0);
  });

  it('multi: searches the rewrites too, with a bounded reply and no retries', async () => {
    const events: LogEvent[] = [];
    const rewritten = await withConfiguredRewrite(
      search,
      { ...withModel(), KNOWHOW_QUERY_REWRITE: 'multi' },
      { log: (event) => events.push(event) },
    );
    asked.length = 0;
    await rewritten('vacation days?');
    expect(asked).toEqual(['vacation days?', 'vacation policy', 'annual leave']);
    const body = openai.requestsTo('/v1/chat/completions').at(-1)?.body as { max_tokens?: number };
    expect(body.max_tokens).toBe(160);
    expect(events).toContainEqual(expect.objectContaining({ type: 'rewrite', queries: 2 }));
  });
});
