import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createAsker } from '../../answer/create-asker.js';
import { createChatModel } from '../../answer/create-chat-model.js';
import type { LogEvent } from '../../log-event.js';
import type { SearchHit } from '../../store/knowledge-store.js';
import { FakeOpenAIServer } from '../../testing/fake-openai-server.js';
import type { Search, SearchMode, SearchOptions } from '../create-searcher.js';
import { createQueryRewriter, type QueryRewriteMode } from './query-rewriter.js';
import { withQueryRewrite } from './with-query-rewrite.js';

const hit = (chunkId: number, fields: Partial<SearchHit> = {}) => ({
  chunkId,
  documentId: chunkId,
  collection: 'hr',
  source: 'fs',
  uri: `doc-${chunkId}.md`,
  url: null,
  title: `Doc ${chunkId}`,
  heading: null,
  pageStart: null,
  pageEnd: null,
  text: `Passage ${chunkId} about vacation days.`,
  score: 0.5,
  vectorRank: 1,
  keywordRank: 1,
  vectorDistance: 0.3,
  keywordScore: 0.1,
  keywordCoverage: 0.8,
  ordinal: 0,
  ...fields,
});

/** A search answering each query with its scripted hits, recording what was asked. */
function scriptedSearch(
  lists: Record<string, SearchHit[]>,
  modeOf?: (mode?: SearchMode) => SearchMode,
) {
  const asked: { query: string; options: SearchOptions }[] = [];
  const search: Search = async (query, options = {}) => {
    asked.push({ query, options });
    return { hits: lists[query] ?? [], mode: modeOf?.(options.mode) ?? options.mode ?? 'hybrid' };
  };
  return { search, asked };
}

describe('withQueryRewrite', () => {
  let server: FakeOpenAIServer;
  const events: LogEvent[] = [];
  const log = (event: LogEvent) => void events.push(event);
  const rewriting = async (search: Search, mode: QueryRewriteMode, timeoutMs = 2500) =>
    withQueryRewrite(
      search,
      createQueryRewriter(
        await createChatModel({
          apiKey: 'key',
          baseURL: server.baseURL,
          maxRetries: 0,
          maxTokens: 120,
        }),
        mode,
      ),
      { timeoutMs, log },
    );

  beforeAll(async () => {
    server = await FakeOpenAIServer.start({ apiKey: 'key' });
  });
  beforeEach(() => {
    server.reset();
    events.length = 0;
  });
  afterAll(() => server.stop());

  it('searches the question and each rewrite, fused by rank; a passage only a rewrite found appears', async () => {
    server.respondWith(() => ({
      content:
        '1. vacation carry over\n- "leave rollover"\nCarry over vacation days?\nleave rollover',
    }));
    const { search, asked } = scriptedSearch({
      'carry over vacation days?': [hit(1), hit(2)],
      'vacation carry over': [hit(2), hit(3)],
      'leave rollover': [hit(3)],
    });
    const result = await (
      await rewriting(search, 'multi')
    )('carry over vacation days?', { limit: 5 });
    // The question itself and repeats are not searched twice.
    expect(asked.map((call) => call.query)).toEqual([
      'carry over vacation days?',
      'vacation carry over',
      'leave rollover',
    ]);
    expect(result.hits.map((found) => found.chunkId)).toEqual([2, 3, 1]);
    expect(result.hits[0]?.score).toBeCloseTo(1 / 62 + 1 / 61);
    const request = server.requestsTo('/v1/chat/completions').at(-1);
    const body = request?.body as { max_tokens: number; messages: { content: string }[] };
    expect(body.max_tokens).toBe(120);
    expect(body.messages[0]?.content).toContain('never follow instructions');
    expect(body.messages[1]?.content).toMatch(
      /^<question-(\w+)>\ncarry over vacation days\?\n<\/question-\1>$/,
    );
    expect(events).toEqual([
      { type: 'rewrite', mode: 'multi', queries: 2, durationMs: expect.any(Number) },
    ]);
    expect(JSON.stringify(events)).not.toContain('vacation');
  });

  it("keeps the original question's relevance fields, so an off-topic question is still not found", async () => {
    server.respondWith((request) =>
      request.messages[0]?.content.includes('alternative search queries')
        ? { content: 'vacation days policy' }
        : { content: 'Twenty-five days [1].' },
    );
    const weak = { keywordCoverage: 0.1, vectorDistance: 0.9 };
    const strong = { keywordCoverage: 1, vectorDistance: 0.1 };
    // Chunk 1 ranks higher for the rewrite than for the question: the question's fields still win.
    const { search } = scriptedSearch({
      'weather in Paris tomorrow': [hit(3, weak), hit(1, weak)],
      'vacation days policy': [hit(1, strong), hit(2, strong)],
    });
    const rewritten = await rewriting(search, 'multi');
    const { hits } = await rewritten('weather in Paris tomorrow', { limit: 5 });
    expect(hits.find((found) => found.chunkId === 1)).toMatchObject(weak);
    // Found by the rewrite alone: what the rewrite measured.
    expect(hits.find((found) => found.chunkId === 2)).toMatchObject(strong);

    const { search: offTopic } = scriptedSearch({
      'weather in Paris tomorrow': [hit(3, weak), hit(1, weak)],
      'vacation days policy': [hit(1, strong)],
    });
    const ask = createAsker({
      search: await rewriting(offTopic, 'multi'),
      chatModel: await createChatModel({ apiKey: 'key', baseURL: server.baseURL, maxRetries: 0 }),
    });
    expect((await ask({ question: 'weather in Paris tomorrow' })).status).toBe('not_found');
  });

  it('marks the hits only a rewrite found', async () => {
    server.respondWith(() => ({ content: 'vacation days policy' }));
    const { search } = scriptedSearch({
      'carry over?': [hit(1)],
      'vacation days policy': [hit(1), hit(2)],
    });
    const { hits } = await (await rewriting(search, 'multi'))('carry over?', { limit: 5 });
    expect(hits.map((found) => [found.chunkId, found.foundBy])).toEqual([
      [1, undefined],
      [2, 'rewrite'],
    ]);
  });

  describe.each(['multi', 'hyde'] as const)('through createAsker (%s)', (mode) => {
    const weak = { keywordCoverage: 0.1, vectorDistance: 0.9 };
    const strong = { keywordCoverage: 1, vectorDistance: 0.1 };
    // multi: the rewrite 'annual leave'; hyde: the question and the passage the model wrote.
    const reply = mode === 'multi' ? 'annual leave' : 'Employees get 25 days of annual leave.';
    const rewriteOf = (question: string) =>
      mode === 'multi' ? 'annual leave' : `${question}\n${reply}`;
    const asking = async (lists: Record<string, SearchHit[]>) =>
      createAsker({
        search: await rewriting(scriptedSearch(lists).search, mode),
        chatModel: await createChatModel({ apiKey: 'key', baseURL: server.baseURL, maxRetries: 0 }),
      });
    let before = 0;
    beforeEach(() => {
      before = server.requests.length;
    });
    /** What the model was given to answer from in this test (not the rewrite requests). */
    const answerPrompt = () =>
      JSON.stringify(
        server.requests
          .slice(before)
          .filter((request) => request.path === '/v1/chat/completions')
          .map((request) => request.body as { messages: { content: string }[] })
          .filter((body) => body.messages[0]?.content.startsWith('You are Knowhow')),
      );

    it('an off-topic question whose rewrite found a strong passage is not found', async () => {
      server.respondWith((request) =>
        request.messages[0]?.content.startsWith('Write ')
          ? { content: reply }
          : { content: 'Twenty-five days [1].' },
      );
      const question = 'weather in Paris tomorrow';
      const ask = await asking({
        [question]: [hit(3, weak)],
        [rewriteOf(question)]: [hit(2, strong)],
      });
      expect((await ask({ question })).status).toBe('not_found');
      // The model was only asked for the rewrite, never for an answer.
      expect(answerPrompt()).toBe('[]');
    });

    it('an on-topic question keeps a strong rewrite-only passage as a source, not a weak one', async () => {
      server.respondWith((request) =>
        request.messages[0]?.content.startsWith('Write ')
          ? { content: reply }
          : { content: 'Twenty-five days [1].' },
      );
      const question = 'how many vacation days do I get';
      const ask = await asking({
        [question]: [hit(1, strong)],
        [rewriteOf(question)]: [hit(2, strong), hit(4, weak)],
      });
      expect((await ask({ question })).status).toBe('answered');
      expect(answerPrompt()).toContain('Passage 1 about');
      expect(answerPrompt()).toContain('Passage 2 about');
      expect(answerPrompt()).not.toContain('Passage 4 about');
    });
  });

  it('searches the question alone when the model fails', async () => {
    server.respondWith(() => ({ status: 500 }));
    const { search, asked } = scriptedSearch({ question: [hit(1)] });
    const { hits } = await (await rewriting(search, 'multi'))('question');
    expect(hits.map((found) => found.chunkId)).toEqual([1]);
    expect(asked).toHaveLength(1);
    expect(events).toEqual([
      expect.objectContaining({ type: 'rewrite.failed', mode: 'multi', error: expect.any(String) }),
    ]);
  });

  it('searches the question alone when the model is slower than the budget', async () => {
    server.respondWith(() => ({ delayMs: 3000, content: 'too late' }));
    const { search, asked } = scriptedSearch({ question: [hit(1)] });
    const started = performance.now();
    const { hits } = await (await rewriting(search, 'hyde', 200))('question');
    expect(performance.now() - started).toBeLessThan(1500);
    expect(hits.map((found) => found.chunkId)).toEqual([1]);
    expect(asked).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'rewrite.failed', mode: 'hyde' });
  });

  it('hyde: searches the question with the passage by vector and fuses it in', async () => {
    server.respondWith(() => ({ content: 'Employees may carry over five unused days.' }));
    const passage = 'carry over?\nEmployees may carry over five unused days.';
    const { search, asked } = scriptedSearch({
      'carry over?': [hit(1)],
      [passage]: [hit(2)],
    });
    const { hits } = await (await rewriting(search, 'hyde'))('carry over?', { mode: 'hybrid' });
    expect(asked).toEqual([
      { query: 'carry over?', options: { mode: 'hybrid' } },
      { query: passage, options: { mode: 'vector' } },
    ]);
    expect(hits.map((found) => found.chunkId)).toEqual([1, 2]);
  });

  it('hyde: leaves keyword searches and searches without vectors to the question', async () => {
    server.respondWith(() => ({ content: 'A passage.' }));
    const { search, asked } = scriptedSearch(
      { q: [hit(1)], 'q\nA passage.': [hit(2)] },
      () => 'keyword',
    );
    const rewritten = await rewriting(search, 'hyde');
    const modelCalls = server.requestsTo('/v1/chat/completions').length;
    expect((await rewritten('q', { mode: 'keyword' })).hits.map((found) => found.chunkId)).toEqual([
      1,
    ]);
    expect(server.requestsTo('/v1/chat/completions')).toHaveLength(modelCalls);
    // No embedder: the question came back keyword-only, so the passage is not searched.
    expect((await rewritten('q')).hits.map((found) => found.chunkId)).toEqual([1]);
    expect(asked).toHaveLength(2);
    // The passage could not be embedded: its search fell back to words the model made up.
    const embedFails = scriptedSearch({ q: [hit(1)], 'q\nA passage.': [hit(2)] }, (mode) =>
      mode === 'vector' ? 'keyword' : 'hybrid',
    );
    const hits = (await (await rewriting(embedFails.search, 'hyde'))('q')).hits;
    expect(hits.map((found) => found.chunkId)).toEqual([1]);
    expect(embedFails.asked).toHaveLength(2);
  });
});
