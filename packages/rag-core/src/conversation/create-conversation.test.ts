import { describe, expect, it } from '@jest/globals';
import type { Answer, AskRequest } from '../answer/answer.js';
import type { LogEvent } from '../log-event.js';
import { FakeSurface, fakeVocabulary } from '../testing/fake-surface.js';
import { MemoryConversationStore } from '../testing/memory-conversation-store.js';
import { createConversation } from './create-conversation.js';
import type { Question } from './question.js';
import { RateLimiter } from './rate-limiter.js';

const question: Question = {
  platform: 'chat',
  kind: 'mention',
  eventId: 'C1:1.0',
  conversationId: 'C1:thread',
  scopeId: 'C1',
  user: 'U1',
  text: 'How many vacation days?',
};

function setup(answer: Partial<Answer> = {}, limit = 100) {
  const conversations = new MemoryConversationStore();
  const asked: AskRequest[] = [];
  const events: LogEvent[] = [];
  const handle = createConversation({
    conversations,
    limiter: new RateLimiter(limit),
    vocabulary: fakeVocabulary,
    log: (event) => events.push(event),
    ask: async (request) => {
      asked.push(request);
      request.onToken?.('Twenty');
      request.onToken?.(' days [1].');
      return {
        id: `answer-${asked.length}`,
        status: 'answered',
        text: 'Twenty days [1].',
        citations: [],
        query: request.question,
        collections: request.collections ?? [],
        durationMs: 1,
        ...answer,
      };
    },
  });
  return { conversations, asked, events, handle };
}

describe('conversation lifecycle', () => {
  it('acknowledges, streams, records and delivers an answer, in that order', async () => {
    const { handle, conversations } = setup();
    const surface = new FakeSurface({ history: [], messageIds: ['m1'] });
    await handle(question, surface);
    expect(surface.kinds).toEqual(['acknowledge', 'write', 'write', 'deliver']);
    expect(surface.calls.at(-1)).toMatchObject({ kind: 'deliver', feedback: true });
    expect(conversations.answers.get('answer-1')).toMatchObject({ platform: 'chat', userId: 'U1' });
    expect(conversations.links.get('chat:C1:m1')).toBe('answer-1');
  });

  it('answers a delivery once, however often it comes', async () => {
    const { handle, events } = setup();
    const surfaces = [new FakeSurface({ history: [] }), new FakeSurface({ history: [] })];
    await Promise.all(surfaces.map((surface) => handle(question, surface)));
    expect(surfaces.map((surface) => surface.kinds.includes('deliver')).sort()).toEqual([
      false,
      true,
    ]);
    expect(events.filter((event) => event.type === 'conversation.duplicate')).toHaveLength(1);
  });

  it('refuses empty questions, help and askers over the limit, without asking', async () => {
    const { handle, asked } = setup({}, 1);
    const refusals = [];
    for (const text of ['  ', 'help', 'first', 'second']) {
      const surface = new FakeSurface({ history: [] });
      await handle({ ...question, eventId: `refusal-${text}`, text }, surface);
      refusals.push(surface.calls[0]?.kind === 'refuse' ? surface.calls[0].refusal.kind : 'asked');
    }
    expect(refusals).toEqual(['empty', 'help', 'asked', 'rate_limited']);
    expect(asked).toHaveLength(1);
  });

  it('strips control characters from the question and the history', async () => {
    const { handle, asked } = setup();
    const history = [{ role: 'user' as const, text: 'earlier\u0000 one' }];
    await handle({ ...question, text: 'vacation\u0000 days\u0007?' }, new FakeSurface({ history }));
    expect(asked[0]?.question).toBe('vacation  days ?');
    expect(asked[0]?.history).toEqual([{ role: 'user', text: 'earlier  one' }]);
    const onlyControls = new FakeSurface({ history: [] });
    await handle({ ...question, eventId: 'other', text: '\u0000\u0001' }, onlyControls);
    expect(onlyControls.calls).toEqual([{ kind: 'refuse', refusal: { kind: 'empty' } }]);
  });

  it('keeps and reads the turns itself for surfaces that cannot read history', async () => {
    const { handle, asked } = setup();
    await handle(question, new FakeSurface());
    await handle({ ...question, eventId: 'next', text: 'and for part-timers?' }, new FakeSurface());
    expect(asked[1]?.history).toEqual([
      { role: 'user', text: 'How many vacation days?', query: 'How many vacation days?' },
      { role: 'assistant', text: 'Twenty days [1].' },
    ]);
  });

  it('reads the scope of the conversation', async () => {
    const { handle, asked, conversations } = setup();
    await conversations.setCollections('chat', 'C1', ['handbook']);
    await handle(question, new FakeSurface({ history: [] }));
    expect(asked[0]?.collections).toEqual(['handbook']);
  });

  it('offers no feedback for an answer that could not be recorded', async () => {
    const { handle, events } = setup({ status: 'failed', reason: 'llm_timeout', text: '' });
    const surface = new FakeSurface({ history: [] });
    await handle(question, surface);
    expect(surface.calls.at(-1)).toMatchObject({ kind: 'deliver', feedback: false });
    expect(events.at(-1)).toMatchObject({ type: 'conversation.answered', reason: 'llm_timeout' });
  });

  it('tells a database failure on the surface, with the reason and a reference', async () => {
    const { handle, conversations, events } = setup();
    conversations.failing = new Error('connection refused');
    const surface = new FakeSurface({ history: [] });
    await handle(question, surface);
    expect(surface.calls).toEqual([
      {
        kind: 'fail',
        failure: expect.objectContaining({
          reason: 'database_unavailable',
          reference: expect.stringMatching(/^[0-9a-f]{8}$/),
        }),
      },
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'conversation.failed',
      code: 'database_unavailable',
    });
  });

  it('words a platform failure with the surface, and survives a failing report', async () => {
    const { handle, events } = setup();
    const surface = new FakeSurface({
      history: [],
      failing: { deliver: { platform: 'rate_limited' }, fail: new Error('still down') },
    });
    await handle(question, surface);
    expect(events.map((event) => event.type).slice(-2)).toEqual([
      'conversation.failed',
      'conversation.step_failed',
    ]);
    expect(events.at(-2)).toMatchObject({ reason: 'fake_rate_limited' });
  });

  it('answers without history when reading it fails', async () => {
    const { handle, asked, events } = setup();
    const surface = new FakeSurface({ history: () => Promise.reject(new Error('no scope')) });
    await handle(question, surface);
    expect(asked[0]?.history).toEqual([]);
    expect(surface.kinds.at(-1)).toBe('deliver');
    expect(events).toContainEqual(
      expect.objectContaining({ step: 'history', code: 'internal_error' }),
    );
  });

  it('logs no question or answer text', async () => {
    const { handle, events } = setup();
    await handle(question, new FakeSurface({ history: [] }));
    expect(JSON.stringify(events)).not.toMatch(/vacation|Twenty/);
  });
});
