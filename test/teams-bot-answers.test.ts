import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  botAdded,
  channelMention,
  feedbackInvoke,
  person,
  personalMessage,
  type SentActivity,
} from '@knowhow/teams-bot/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import { openSlackKnowledge } from './support/slack-harness.js';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;

const pglite = testBackends()[0]!;
const alice = person('Alice');
const conversationOf = (activity: Record<string, unknown>) =>
  String((activity['conversation'] as { id: string }).id);

describe('Teams bot answers', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let harness: TeamsHarness;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    harness = await startTeamsHarness(knowledge);
  }, setupTimeoutMs);
  beforeEach(() => harness.openai.reset());
  afterAll(async () => {
    await harness.close();
    await knowledge.close();
  });

  /** Sends an activity and resolves with the bot's next message to that conversation. */
  async function ask(activity: Record<string, unknown>): Promise<SentActivity> {
    const conversationId = conversationOf(activity);
    const before = harness.connector.messagesTo(conversationId).length;
    const delivered = await harness.send(activity);
    expect(delivered.status).toBe(200);
    return harness.connector.waitFor(() => harness.connector.messagesTo(conversationId)[before]);
  }

  it('answers in a 1:1 chat: typing first, then the answer with citation entities, sources and feedback', async () => {
    const activity = personalMessage({
      serviceUrl: harness.connector.serviceUrl,
      from: alice,
      text: 'How many vacation days do new employees get?',
    });
    const answer = await ask(activity);
    const typing = harness.connector.sent.find(
      (sent) =>
        sent.conversationId === conversationOf(activity) && sent.activity['type'] === 'typing',
    );
    expect(typing?.replyToId).toBe(activity['id']);
    expect(typing?.at).toBeLessThan(answer.at);
    // A personal chat streams: the first typing activity is the informative update.
    expect(typing?.activity['entities']).toEqual([
      { type: 'streaminfo', streamType: 'informative', streamSequence: 1 },
    ]);
    expect(answer.replyToId).toBe(activity['id']);
    expect(answer.activity).toMatchObject({
      type: 'message',
      textFormat: 'markdown',
      channelData: { feedbackLoopEnabled: true },
    });
    const text = String(answer.activity['text']);
    expect(text).toContain('New employees get 25 vacation days in their first calendar year');
    expect(text).toMatch(/\[1\]/);
    expect(text).toContain('**Sources**\n\n1. **Time off** · Time off &gt; Vacation');
    expect(answer.activity['entities']).toEqual([
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        additionalType: ['AIGeneratedContent'],
        citation: [
          {
            '@type': 'Claim',
            position: 1,
            appearance: {
              '@type': 'DigitalDocument',
              name: 'Time off',
              abstract: expect.stringMatching(/^Full-time employees get 28 vacation days.{0,140}$/),
              keywords: ['Time off > Vacation'],
            },
          },
        ],
      },
      // The final message closes the stream the informative update opened.
      { type: 'streaminfo', streamId: typing?.id, streamType: 'final' },
    ]);
  });

  it('streams in a 1:1 chat: informative update, growing text in sequence, then the final message', async () => {
    harness.openai.respondWith(() => ({
      content: `${'Badges open every door on your floor. '.repeat(8)}[1]`,
      pieceDelayMs: 15,
    }));
    const activity = personalMessage({
      serviceUrl: harness.connector.serviceUrl,
      from: alice,
      text: 'How do office badges work?',
    });
    const answer = await ask(activity);
    const stream = harness.connector.streams.get(
      String(
        (answer.activity['entities'] as { type: string; streamId?: string }[]).find(
          (entity) => entity.type === 'streaminfo',
        )?.streamId,
      ),
    );
    expect(stream?.final).toBe(answer);
    const updates = stream?.updates ?? [];
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates[0]?.activity['text']).toBe('Looking through the documents…');
    const streamed = updates.slice(1).map((update) => String(update.activity['text']));
    // Each update carries the whole text so far, and the next sequence number.
    for (const [index, text] of streamed.entries()) {
      expect(text.startsWith(streamed[index - 1] ?? '')).toBe(true);
      expect(updates[index + 1]?.activity['entities']).toEqual([
        expect.objectContaining({ streamType: 'streaming', streamSequence: index + 2 }),
      ]);
    }
    expect(streamed[0]).toContain('Badges');
  });

  it('does not stream in channels or group chats, where Teams cannot', async () => {
    const channel = channelMention({
      serviceUrl: harness.connector.serviceUrl,
      from: alice,
      question: 'How long is parental leave?',
      channelId: '19:nostream@thread.tacv2',
      threadId: '1700000000009',
    });
    const answer = await ask(channel);
    const sentThere = harness.connector.sent.filter(
      (sent) => sent.conversationId === answer.conversationId,
    );
    expect(sentThere.map((sent) => sent.activity['type'])).toEqual(['message']);
    expect(JSON.stringify(answer.activity)).not.toContain('streaminfo');
  });

  it('answers a channel mention in its thread, without the mention in the question', async () => {
    const activity = channelMention({
      serviceUrl: harness.connector.serviceUrl,
      from: alice,
      question: 'How long is parental leave?',
      channelId: '19:general@thread.tacv2',
      threadId: '1700000000001',
    });
    const answer = await ask(activity);
    expect(answer.conversationId).toBe('19:general@thread.tacv2;messageid=1700000000001');
    expect(answer.replyToId).toBe(activity['id']);
    expect(String(answer.activity['text'])).toContain('16 weeks of fully paid parental leave');
    const asked = harness.openai
      .requestsTo('/v1/chat/completions')
      .map((request) => JSON.stringify(request.body))
      .at(-1);
    expect(asked).toContain('Question: How long is parental leave?');
    expect(asked).not.toContain('<at>');
  });

  it('understands a follow-up from the conversation’s stored turns', async () => {
    const conversationId = 'a:chat-followup';
    await ask(
      personalMessage({
        serviceUrl: harness.connector.serviceUrl,
        from: alice,
        conversationId,
        text: 'How many vacation days do new employees get?',
      }),
    );
    harness.openai.requests.length = 0;
    const answer = await ask(
      personalMessage({
        serviceUrl: harness.connector.serviceUrl,
        from: alice,
        conversationId,
        text: 'and parental leave?',
      }),
    );
    expect(String(answer.activity['text'])).toContain('16 weeks');
    const condense = harness.openai
      .requestsTo('/v1/chat/completions')
      .map((request) => JSON.stringify(request.body))
      .find((body) => body.includes('standalone search query'));
    expect(condense).toContain('How many vacation days do new employees get?');
    expect(condense).toContain('New employees get 25 vacation days');
  });

  it('stores 👍/👎 with the comment, against the answer the message carries', async () => {
    const conversationId = 'a:chat-feedback';
    const answer = await ask(
      personalMessage({
        serviceUrl: harness.connector.serviceUrl,
        from: alice,
        conversationId,
        text: 'How long is parental leave?',
      }),
    );
    const vote = (reaction: 'like' | 'dislike', comment?: string) =>
      harness.send(
        feedbackInvoke({
          serviceUrl: harness.connector.serviceUrl,
          from: alice,
          conversationId,
          replyToId: answer.id,
          reaction,
          ...(comment ? { comment } : {}),
        }),
      );
    expect((await vote('dislike', 'Missing the part about adoption')).status).toBe(200);
    const { rows } = await knowledge.store.database.query<{
      verdict: string;
      comment: string | null;
      platform: string;
      user_id: string;
      question: string;
    }>(
      'SELECT f.verdict, f.comment, f.platform, f.user_id, f.question FROM feedback f JOIN answer_messages m ON m.answer_id = f.answer_id WHERE m.message_id = $1',
      [answer.id],
    );
    expect(rows).toEqual([
      {
        verdict: 'down',
        comment: 'Missing the part about adoption',
        platform: 'teams',
        user_id: alice.aadObjectId,
        question: 'How long is parental leave?',
      },
    ]);
    await vote('like');
    const again = await knowledge.store.database.query<{ verdict: string }>(
      'SELECT verdict FROM feedback f JOIN answer_messages m ON m.answer_id = f.answer_id WHERE m.message_id = $1',
      [answer.id],
    );
    expect(again.rows).toEqual([{ verdict: 'up' }]);
  });

  it('welcomes once when added to a conversation', async () => {
    const added = botAdded({
      serviceUrl: harness.connector.serviceUrl,
      from: alice,
      conversationId: 'a:chat-new',
    });
    const welcome = await ask(added);
    expect(String(welcome.activity['text'])).toContain(
      "Hi, I'm **Knowhow**. I answer questions from the company's documents",
    );
    expect(String(welcome.activity['text'])).toContain('- How many vacation days do I get?');
    await harness.send({ ...added, id: 'another-update' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.connector.messagesTo('a:chat-new')).toHaveLength(1);
  });

  it('answers help with usage and the conversation id for scoping', async () => {
    const activity = channelMention({
      serviceUrl: harness.connector.serviceUrl,
      from: alice,
      question: 'help',
      channelId: '19:hr@thread.tacv2',
      threadId: '1700000000002',
    });
    const help = await ask(activity);
    expect(String(help.activity['text'])).toContain('`19:hr@thread.tacv2`');
  });

  it("limits a channel's answers to its collections, in every thread", async () => {
    await knowledge.conversations.setCollections('teams', '19:it@thread.tacv2', ['it']);
    const vacation = await ask(
      channelMention({
        serviceUrl: harness.connector.serviceUrl,
        from: alice,
        question: 'How many vacation days do new employees get?',
        channelId: '19:it@thread.tacv2',
        threadId: '1700000000003',
      }),
    );
    expect(String(vacation.activity['text'])).toContain('(searched collection it)');
    const printer = await ask(
      channelMention({
        serviceUrl: harness.connector.serviceUrl,
        from: alice,
        question: 'Is the printer on floor three broken?',
        channelId: '19:it@thread.tacv2',
        threadId: '1700000000004',
      }),
    );
    expect(String(printer.activity['text'])).toContain('printer on floor three is broken');
  });

  it('keeps document text inert: no tags, mentions or planted links', async () => {
    const answer = await ask(
      personalMessage({
        serviceUrl: harness.connector.serviceUrl,
        from: alice,
        conversationId: 'a:chat-inert',
        text: 'Is the printer on floor three broken?',
      }),
    );
    const text = String(answer.activity['text']);
    expect(text).toContain('The printer on floor three is broken');
    expect(text).not.toMatch(/<[a-z!@#]/i);
    expect(text).not.toMatch(/\]\(https:\/\/evil/);
  });

  it('splits a very long answer into messages Teams accepts, citations on the part that shows them', async () => {
    const paragraph = `${'Badges open every door of the office after the induction. '.repeat(48)}[1]`;
    harness.openai.respondWith(() => ({
      content: Array.from({ length: 8 }, () => paragraph).join('\n\n'),
    }));
    const conversationId = 'a:chat-long';
    await harness.send(
      personalMessage({
        serviceUrl: harness.connector.serviceUrl,
        from: alice,
        conversationId,
        text: 'How do office badges work?',
      }),
    );
    const parts = await harness.connector.waitFor(() => {
      const messages = harness.connector.messagesTo(conversationId);
      return messages.length >= 4 &&
        String(messages.at(-1)?.activity['text']).includes('**Sources**')
        ? messages
        : undefined;
    });
    for (const part of parts) {
      expect(String(part.activity['text']).length).toBeLessThanOrEqual(6000);
      expect(Buffer.byteLength(JSON.stringify(part.activity))).toBeLessThan(28_000);
      const entities = part.activity['entities'] as { type: string }[];
      expect(entities.filter((entity) => entity.type !== 'streaminfo')).toHaveLength(1);
    }
  });
});
