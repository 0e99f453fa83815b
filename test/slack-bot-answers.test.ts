import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { fakeBot, mentionEvent, directMessageEvent } from '@knowhow/slack-bot/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import {
  blockText,
  buttons,
  openSlackKnowledge,
  type SlackHarness,
  startSlackHarness,
} from './support/slack-harness.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;

const pglite = testBackends()[0]!;
const asker = 'U0ALICE';
const mention = `<@${fakeBot.userId}>`;

describe('Slack bot answers (HTTP Events API)', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let harness: SlackHarness;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    harness = await startSlackHarness(knowledge);
  }, setupTimeoutMs);
  beforeEach(() => harness.openai.reset());
  afterAll(async () => {
    await harness.close();
    await knowledge.close();
  });

  /** A user's mention, posted to the fake and delivered as an event; resolves with the reply. */
  async function ask(channel: string, text: string, threadTs?: string) {
    const sent = performance.now();
    const message = harness.slack.postAsUser({
      channel,
      user: asker,
      text,
      ...(threadTs ? { threadTs } : {}),
    });
    const result = (await harness.sendEvent(
      mentionEvent({
        channel,
        user: asker,
        text,
        ts: message.ts,
        ...(threadTs ? { threadTs } : {}),
      }),
    )) as { status: number };
    expect(result.status).toBe(200);
    return {
      message,
      sent,
      reply: await harness.settledReply(channel, message.ts, threadTs ?? message.ts),
    };
  }

  it('answers a mention in its thread: a placeholder first, then the answer with numbered sources and feedback buttons', async () => {
    const { message, sent, reply } = await ask(
      'C0GENERAL',
      `${mention} How many vacation days do new employees get?`,
    );
    const [placeholder] = harness.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args['thread_ts'] === message.ts);
    expect(placeholder?.args).toMatchObject({
      channel: 'C0GENERAL',
      text: ':hourglass_flowing_sand: Looking through the knowledge base…',
      unfurl_links: 'false',
      unfurl_media: 'false',
    });
    // The thread shows the bot is working within a second of the event.
    expect((placeholder?.at ?? Infinity) - sent).toBeLessThan(1000);
    expect(reply.threadTs).toBe(message.ts);
    const text = blockText(reply);
    expect(text).toContain('New employees get 25 vacation days in their first calendar year');
    expect(text).toContain('*Sources*\n1. *Time off* · Time off &gt; Vacation');
    const answerId = buttons(reply)['knowhow_feedback_up'];
    expect(answerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(buttons(reply)['knowhow_feedback_down']).toBe(answerId);
    expect(reply.metadata).toEqual({
      event_type: 'knowhow_answer',
      event_payload: {
        answer_id: answerId,
        status: 'answered',
        query: 'How many vacation days do new employees get?',
      },
    });
    expect(await knowledge.conversations.findAnswer(answerId ?? '')).toMatchObject({
      platform: 'slack',
      conversationId: 'C0GENERAL',
      userId: asker,
      question: 'How many vacation days do new employees get?',
      status: 'answered',
    });
  });

  it("treats a mention in the thread as a follow-up, with the thread's earlier messages as context", async () => {
    const first = await ask('C0GENERAL', `${mention} How many vacation days do new employees get?`);
    harness.openai.requests.length = 0;
    const { reply } = await ask('C0GENERAL', `${mention} and parental leave?`, first.message.ts);
    expect(reply.threadTs).toBe(first.message.ts);
    expect(blockText(reply)).toContain('16 weeks of fully paid parental leave');
    const replies = harness.slack.callsTo('conversations.replies').at(-1);
    expect(replies?.args).toMatchObject({ channel: 'C0GENERAL', ts: first.message.ts });
    const condense = harness.openai
      .requestsTo('/v1/chat/completions')
      .map((request) => JSON.stringify(request.body))
      .find((body) => body.includes('standalone search query'));
    expect(condense).toContain('How many vacation days do new employees get?');
    expect(condense).toContain('New employees get 25 vacation days');
  });

  it('answers a DM in the DM, and a follow-up there uses the earlier messages', async () => {
    const channel = 'D0ALICE';
    const first = harness.slack.postAsUser({
      channel,
      user: asker,
      text: 'How many vacation days do new employees get?',
    });
    await harness.sendEvent(
      directMessageEvent({ channel, user: asker, text: first.text, ts: first.ts }),
    );
    const answer = await harness.settledReply(channel, first.ts, undefined);
    expect(answer.threadTs).toBeUndefined();
    expect(blockText(answer)).toContain('25 vacation days');
    harness.openai.requests.length = 0;
    const second = harness.slack.postAsUser({
      channel,
      user: asker,
      text: 'and parental leave?',
    });
    await harness.sendEvent(
      directMessageEvent({ channel, user: asker, text: second.text, ts: second.ts }),
    );
    await harness.settledReply(channel, second.ts, undefined);
    expect(harness.slack.callsTo('conversations.history').at(-1)?.args).toMatchObject({
      channel,
      latest: second.ts,
    });
    const condense = harness.openai
      .requestsTo('/v1/chat/completions')
      .map((request) => JSON.stringify(request.body))
      .find((body) => body.includes('standalone search query'));
    expect(condense).toContain('How many vacation days do new employees get?');
  });

  it('streams the answer into the placeholder while it is written', async () => {
    const answer = `${'Badges open every door of the office after the induction. '.repeat(12)}[1]`;
    harness.openai.respondWith(() => ({ content: answer, pieceDelayMs: 5 }));
    const { reply } = await ask('C0GENERAL', `${mention} How do office badges work?`);
    const updates = harness.slack
      .callsTo('chat.update')
      .filter((call) => call.args['ts'] === reply.ts);
    const progress = updates.slice(0, -1).map((call) => String(call.args['text']));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((text) => text.endsWith(' :hourglass_flowing_sand:'))).toBe(true);
    // Each update shows more of the answer than the one before.
    expect(progress.map((text) => text.length)).toEqual(
      [...progress.map((text) => text.length)].sort((a, b) => a - b),
    );
    expect(blockText(reply)).toContain('Badges open every door');
  });

  it("splits a very long answer within Slack's block and text limits", async () => {
    // 12 paragraphs of 2,900 characters: more than one message holds.
    const paragraph = `${Array.from({ length: 29 }, () => 'b'.repeat(99)).join(' ')} [1]`;
    harness.openai.respondWith(() => ({
      content: Array.from({ length: 12 }, () => paragraph).join('\n\n'),
    }));
    const { message } = await ask('C0LONG', `${mention} How do office badges work?`);
    const parts = await harness.slack.waitFor(() => {
      const replies = harness.slack.channels
        .thread('C0LONG', message.ts)
        .filter((reply) => reply.botId && reply.blocks);
      return Object.keys(buttons(replies.at(-1) ?? {})).length > 0 ? replies : undefined;
    });
    // The fake refuses what Slack refuses (50 blocks, 3,000 characters a section, about
    // 12,000 a message), so every part arriving is the check; the last closes the answer.
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((part) => part.threadTs)).toEqual(parts.map(() => message.ts));
    expect(blockText(parts.at(-1))).toContain('*Sources*');
    expect(harness.logs.filter((line) => line.message === 'conversation.failed')).toEqual([]);
  });

  it('never lets document or model text ping anyone or add links, while streaming or after', async () => {
    harness.openai.respondWith((request) => {
      const sources = request.messages.map((message) => message.content).join('\n');
      const notice = /The printer on floor three is broken[^\n]*/.exec(sources)?.[0] ?? '';
      return { content: `${notice} [1]`, pieceDelayMs: 10 };
    });
    const { reply } = await ask('C0GENERAL', `${mention} Is the printer on floor three broken?`);
    const progress = harness.slack
      .callsTo('chat.update')
      .filter((call) => call.args['ts'] === reply.ts)
      .map((call) => String(call.args['text']));
    expect(progress.length).toBeGreaterThan(1);
    const text = `${blockText(reply)}\n${reply.text}\n${progress.join('\n')}`;
    expect(text).toContain('The printer on floor three is broken');
    expect(text).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U999BOSS>|<#C999|<https:\/\/evil/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toMatch(/(^|[^\u2060])@everyone/);
    expect(text).not.toMatch(/<[^>]*>/);
    // Slack must not link bare addresses or #channel names on its own either.
    const textObjects = JSON.stringify(reply.blocks).match(/"type":"mrkdwn"[^}]*}/g) ?? [];
    expect(textObjects.length).toBeGreaterThan(0);
    expect(textObjects.every((object) => object.includes('"verbatim":true'))).toBe(true);
  });

  it('answers a mention in a group DM, which arrives as a message event', async () => {
    const channel = 'G0GROUPDM';
    const text = `${mention} How long is parental leave?`;
    const message = harness.slack.postAsUser({ channel, user: asker, text });
    await harness.sendEvent(
      directMessageEvent({ channel, user: asker, text, ts: message.ts }, { channel_type: 'mpim' }),
    );
    const reply = await harness.settledReply(channel, message.ts, message.ts);
    expect(blockText(reply)).toContain('16 weeks');
    // Without a mention, a group DM message is not a question.
    const chatter = harness.slack.postAsUser({ channel, user: asker, text: 'lunch?' });
    await harness.sendEvent(
      directMessageEvent(
        { channel, user: asker, text: 'lunch?', ts: chatter.ts },
        { channel_type: 'mpim' },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      harness.slack.channels.thread(channel, chatter.ts).filter((reply) => reply.botId),
    ).toEqual([]);
  });

  it('answers without context when the thread cannot be read', async () => {
    const first = await ask('C0NOSCOPE', `${mention} How many vacation days do new employees get?`);
    harness.slack.failNext('conversations.replies', 'missing_scope');
    const { reply } = await ask(
      'C0NOSCOPE',
      `${mention} How long is parental leave?`,
      first.message.ts,
    );
    expect(blockText(reply)).toContain('16 weeks');
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'conversation.step_failed',
        fields: expect.objectContaining({ step: 'history', reason: 'slack_missing_scope' }),
      }),
    );
  });

  it('keeps streaming within Slack rate limits: a 429 pauses progress, the answer still arrives', async () => {
    harness.openai.respondWith(() => ({
      content: `${'Badges open every door. '.repeat(30)}[1]`,
      pieceDelayMs: 10,
    }));
    harness.slack.rateLimitNext('chat.update', 1, 1);
    const { reply } = await ask('C0LIMITED', `${mention} How do office badges work?`);
    expect(blockText(reply)).toContain('Badges open every door');
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        message: 'slack.progress_update_failed',
        fields: expect.objectContaining({ reason: 'slack_rate_limited' }),
      }),
    );
  });

  it("limits a channel's answers to its collections", async () => {
    await knowledge.conversations.setCollections('slack', 'C0ITDESK', ['it']);
    const { reply } = await ask(
      'C0ITDESK',
      `${mention} How many vacation days do new employees get?`,
    );
    expect(blockText(reply)).toContain('I found nothing about');
    expect(blockText(reply)).toContain('(searched collection it)');
    const printer = await ask('C0ITDESK', `${mention} Is the printer on floor three broken?`);
    expect(blockText(printer.reply)).toContain('printer on floor three is broken');
  });
});
