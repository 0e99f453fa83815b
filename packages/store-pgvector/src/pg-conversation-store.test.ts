import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AnswerRecord } from '@knowhow/rag-core';
import { openKnowledgeStore } from './open-knowledge-store.js';
import { PgConversationStore } from './pg-conversation-store.js';
import type { PgKnowledgeStore } from './pg-knowledge-store.js';
import { openTestStore, testBackends } from './testing/index.js';

function answer(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    id: randomUUID(),
    platform: 'slack',
    conversationId: 'C123',
    userId: 'U1',
    question: 'How many vacation days?',
    status: 'answered',
    text: 'Twenty-eight [1].',
    citations: [
      {
        n: 1,
        title: 'Time off',
        source: 'time-off.md',
        collection: 'hr',
        pageStart: null,
        pageEnd: null,
        heading: 'Vacation',
        url: null,
        excerpt: 'Full-time…',
      },
    ],
    ...overrides,
  };
}

describe.each(testBackends())('conversation store on $name', (backend) => {
  let store: PgKnowledgeStore;
  let conversations: PgConversationStore;
  let close: () => Promise<void>;
  let options: Awaited<ReturnType<typeof openTestStore>>['options'];

  beforeAll(async () => {
    ({ store, close, options } = await openTestStore(backend));
    conversations = new PgConversationStore(store.database);
  });
  beforeEach(() =>
    store.database.execute(
      'TRUNCATE answers, feedback, handled_events, conversation_scopes, conversation_turns, answer_messages',
    ),
  );
  afterAll(() => close());

  it('claims an event once', async () => {
    expect(await conversations.claimEvent('slack', 'Ev1')).toBe(true);
    expect(await conversations.claimEvent('slack', 'Ev1')).toBe(false);
    expect(await conversations.claimEvent('teams', 'Ev1')).toBe(true);
  });

  it('lets exactly one of two processes claim a retried event', async () => {
    const second = backend.name === 'Postgres' ? await openKnowledgeStore(options) : store;
    try {
      const other = new PgConversationStore(second.database);
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          (index % 2 ? other : conversations).claimEvent('slack', 'EvRace'),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    } finally {
      if (second !== store) await second.close();
    }
  });

  it('forgets handled events older than a cutoff', async () => {
    await conversations.claimEvent('slack', 'EvOld');
    expect(await conversations.forgetEventsBefore(new Date(Date.now() + 1000))).toBe(1);
    expect(await conversations.claimEvent('slack', 'EvOld')).toBe(true);
  });

  it('keeps answers with their citations for sharing', async () => {
    const saved = answer();
    await conversations.saveAnswer(saved);
    expect(await conversations.findAnswer(saved.id)).toEqual(saved);
    expect(await conversations.findAnswer(randomUUID())).toBeUndefined();
    expect(await conversations.findAnswer('not-a-uuid')).toBeUndefined();
  });

  it('stores feedback with the question, one verdict per user (the latest)', async () => {
    const saved = answer();
    await conversations.saveAnswer(saved);
    expect(
      await conversations.saveFeedback({
        answerId: saved.id,
        platform: 'slack',
        userId: 'U2',
        verdict: 'up',
      }),
    ).toBe(true);
    expect(
      await conversations.saveFeedback({
        answerId: saved.id,
        platform: 'slack',
        userId: 'U2',
        verdict: 'down',
        comment: 'outdated',
      }),
    ).toBe(true);
    const { rows } = await store.database.query(
      'SELECT answer_id, user_id, platform, verdict, question, comment FROM feedback',
    );
    expect(rows).toEqual([
      {
        answer_id: saved.id,
        user_id: 'U2',
        platform: 'slack',
        verdict: 'down',
        question: 'How many vacation days?',
        comment: 'outdated',
      },
    ]);
  });

  it('refuses feedback for an unknown answer', async () => {
    expect(
      await conversations.saveFeedback({
        answerId: randomUUID(),
        platform: 'slack',
        userId: 'U2',
        verdict: 'up',
      }),
    ).toBe(false);
  });

  it('sets, reads, lists and clears a conversation scope', async () => {
    expect(await conversations.collectionsFor('slack', 'C9')).toEqual([]);
    await conversations.setCollections('slack', 'C9', ['hr', 'it']);
    await conversations.setCollections('teams', '19:abc@thread.tacv2', ['hr']);
    expect(await conversations.collectionsFor('slack', 'C9')).toEqual(['hr', 'it']);
    expect(await conversations.listScopes()).toEqual([
      { platform: 'slack', conversationId: 'C9', collections: ['hr', 'it'] },
      { platform: 'teams', conversationId: '19:abc@thread.tacv2', collections: ['hr'] },
    ]);
    await conversations.setCollections('slack', 'C9', []);
    expect(await conversations.collectionsFor('slack', 'C9')).toEqual([]);
  });

  it('keeps the latest turns of a conversation, oldest first, bounded', async () => {
    for (let n = 1; n <= 4; n += 1) {
      await conversations.appendTurns(
        'teams',
        'a:1',
        [
          { role: 'user', text: `question ${n}`, query: `query ${n}` },
          { role: 'assistant', text: `answer ${n}` },
        ],
        6,
      );
    }
    expect(await conversations.recentTurns('teams', 'a:1', 10)).toEqual([
      { role: 'user', text: 'question 2', query: 'query 2' },
      { role: 'assistant', text: 'answer 2' },
      { role: 'user', text: 'question 3', query: 'query 3' },
      { role: 'assistant', text: 'answer 3' },
      { role: 'user', text: 'question 4', query: 'query 4' },
      { role: 'assistant', text: 'answer 4' },
    ]);
    expect((await conversations.recentTurns('teams', 'a:1', 2)).map((turn) => turn.text)).toEqual([
      'question 4',
      'answer 4',
    ]);
    expect(
      await conversations.recentTurns('teams', 'a:1', 10, new Date(Date.now() + 60_000)),
    ).toEqual([]);
    expect(await conversations.recentTurns('teams', 'a:2', 10)).toEqual([]);
    expect(await conversations.recentTurns('slack', 'a:1', 10)).toEqual([]);
    expect(await conversations.forgetTurnsBefore(new Date(Date.now() - 60_000))).toBe(0);
    expect(await conversations.forgetTurnsBefore(new Date(Date.now() + 60_000))).toBe(6);
    expect(await conversations.recentTurns('teams', 'a:1', 10)).toEqual([]);
  });

  it('finds the answer a posted message carries', async () => {
    const saved = answer({ platform: 'teams', conversationId: 'a:1' });
    await conversations.saveAnswer(saved);
    await conversations.linkMessage('teams', 'a:1', 'msg-1', saved.id);
    await conversations.linkMessage('teams', 'a:1', 'msg-1', saved.id);
    expect(await conversations.answerIdForMessage('teams', 'a:1', 'msg-1')).toBe(saved.id);
    expect(await conversations.answerIdForMessage('teams', 'a:1', 'msg-2')).toBeUndefined();
    expect(await conversations.answerIdForMessage('teams', 'a:2', 'msg-1')).toBeUndefined();
  });
});
