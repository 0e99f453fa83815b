import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  buttonClick,
  commandFields,
  eventEnvelope,
  fakeBot,
  httpBody,
  mentionEvent,
  postSigned,
  streamedText,
} from '@knowhow/slack-bot/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import {
  openSlackKnowledge,
  type SlackHarness,
  signingSecret,
  startSlackHarness,
} from './support/slack-harness.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;

const pglite = testBackends()[0]!;
const mention = `<@${fakeBot.userId}>`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Slack native streaming, the Assistant pane and odd requests', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let harness: SlackHarness;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    harness = await startSlackHarness({ ...knowledge, streaming: true });
    // A process's first answer warms the database and the client up (a second or more on a
    // loaded machine): done here, so the tests time the bot, not its cold start.
    await mentionIn('C0WARMUP', 'How do office badges work?');
  }, setupTimeoutMs);
  beforeEach(() => harness.openai.reset());
  afterAll(async () => {
    await harness.close();
    await knowledge.close();
  });

  const callsIn = (method: string, channel: string) =>
    harness.slack
      .callsTo(method)
      .filter((call) => (call.args['channel'] ?? call.args['channel_id']) === channel);

  async function mentionIn(channel: string, question: string) {
    const text = `${mention} ${question}`;
    const asked = harness.slack.postAsUser({ channel, user: 'U0ALICE', text });
    const sent = performance.now();
    await harness.sendEvent(mentionEvent({ channel, user: 'U0ALICE', text, ts: asked.ts }));
    const reply = await harness.settledReply(channel, asked.ts, asked.ts);
    return { asked, sent, reply };
  }

  it('streams an answer: status first, the text as written, then sources and feedback buttons', async () => {
    harness.openai.respondWith(() => ({
      content: `${'Badges open every door on your floor. '.repeat(6)}[1]`,
      pieceDelayMs: 10,
    }));
    const { sent, reply } = await mentionIn('C0STREAM', 'How do office badges work?');
    const [status] = callsIn('assistant.threads.setStatus', 'C0STREAM');
    expect(status?.args['thread_ts']).toBeDefined();
    expect((status?.at ?? Infinity) - sent).toBeLessThan(1000);
    const [start] = callsIn('chat.startStream', 'C0STREAM');
    expect(start?.args).toMatchObject({
      recipient_user_id: 'U0ALICE',
      recipient_team_id: fakeBot.teamId,
    });
    expect(callsIn('chat.appendStream', 'C0STREAM').length).toBeGreaterThanOrEqual(1);
    expect(callsIn('chat.update', 'C0STREAM')).toEqual([]);
    expect(reply.text).toContain('Badges open every door on your floor.');
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('"type":"context_actions"');
    expect(blocks).toContain('"type":"feedback_buttons"');
    expect(blocks).toContain('*Sources*');
    expect(reply.metadata?.event_type).toBe('knowhow_answer');
  });

  it('flushes the first words at once rather than buffering them', async () => {
    harness.openai.respondWith(() => ({
      content: `First words arrive quickly. ${'More follows slowly. '.repeat(4)}[1]`,
      pieceDelayMs: 40,
    }));
    await mentionIn('C0PROMPT', 'How do office badges work?');
    const [start] = callsIn('chat.startStream', 'C0PROMPT');
    expect(streamedText(start?.args ?? {}).length).toBeGreaterThan(0);
    expect(streamedText(start?.args ?? {}).length).toBeLessThan(40);
  });

  it('keeps streamed text inert: no links, mentions or broadcasts from documents', async () => {
    const { reply } = await mentionIn('C0INERT', 'What does the printer notice say?');
    expect(reply.text).not.toMatch(/<[!@#]|<https?:|\]\(https?:|@everyone|https:\/\/evil/);
  });

  it('stores feedback from Slack’s own feedback buttons', async () => {
    const { reply } = await mentionIn('C0NATIVE', 'How many vacation days do new employees get?');
    const value = /"value":"([0-9a-f-]{36}):up"/.exec(JSON.stringify(reply.blocks))?.[1];
    expect(value).toBeDefined();
    const click = buttonClick({
      actionId: 'knowhow_feedback',
      value: `${value}:down`,
      user: 'U0BOB',
      channel: 'C0NATIVE',
      messageTs: reply.ts,
      responseUrl: harness.slack.newResponseUrl(),
    });
    await harness.sendInteraction(click);
    await harness.slack.waitFor(() =>
      harness.slack
        .callsTo('chat.postEphemeral')
        .find((call) => String(call.args['text']).startsWith('Thanks for the feedback')),
    );
  });

  it('posts an answer the model wrote nothing of (nothing found) as one message', async () => {
    await knowledge.conversations.setCollections('slack', 'C0NOTHING', ['it']);
    const { reply } = await mentionIn('C0NOTHING', 'How many vacation days do new employees get?');
    expect(JSON.stringify(reply.blocks)).toContain('I found nothing about');
    expect(callsIn('chat.startStream', 'C0NOTHING')).toEqual([]);
  });

  it('falls back to a placeholder and updates when Slack refuses to stream', async () => {
    harness.slack.failNext('chat.startStream', 'feature_not_enabled');
    const { reply } = await mentionIn('C0NOSTREAM', 'How long is parental leave?');
    expect(JSON.stringify(reply.blocks)).toContain('16 weeks');
    expect(callsIn('chat.update', 'C0NOSTREAM').length).toBeGreaterThanOrEqual(1);
  });

  it('posts a placeholder at once when the thread status is refused', async () => {
    harness.slack.failNext('assistant.threads.setStatus', 'missing_scope');
    const { sent, reply } = await mentionIn('C0NOSTATUS', 'How long is parental leave?');
    const [placeholder] = callsIn('chat.postMessage', 'C0NOSTATUS');
    expect((placeholder?.at ?? Infinity) - sent).toBeLessThan(1000);
    expect(JSON.stringify(reply.blocks)).toContain('16 weeks');
  });

  it('suggests prompts from the collections in scope when the side pane opens', async () => {
    await knowledge.conversations.setCollections('slack', 'C0PANE', ['handbook']);
    await harness.sendEvent(
      eventEnvelope({
        type: 'assistant_thread_started',
        assistant_thread: {
          user_id: 'U0ALICE',
          channel_id: 'D0PANE',
          thread_ts: '1700000000.000100',
          context: { channel_id: 'C0PANE' },
        },
        event_ts: '1700000000.000101',
      }),
    );
    const call = await harness.slack.waitFor(
      () => harness.slack.callsTo('assistant.threads.setSuggestedPrompts')[0],
    );
    expect(call.args['prompts']).toEqual([
      expect.objectContaining({ title: 'Ask about handbook' }),
    ]);
  });

  it('answers a question with NUL and control characters, never as an outage', async () => {
    const { reply } = await mentionIn(
      'C0NUL',
      'How many vacation\u0000 days do new\u0007 employees get?',
    );
    expect(reply.text).not.toContain('database_unavailable');
    expect(reply.text).toContain('25 vacation days');
  });

  it('refuses a signed body of null and a timestamp ten minutes ahead', async () => {
    const nullBody = await postSigned(
      harness.url('/slack/events'),
      { body: 'null', contentType: 'application/json' },
      signingSecret,
    );
    expect(nullBody.status).toBe(400);
    const text = `${mention} How long is parental leave?`;
    const asked = harness.slack.postAsUser({ channel: 'C0FUTURE', user: 'U0EVE', text });
    const future = await postSigned(
      harness.url('/slack/events'),
      httpBody.event(mentionEvent({ channel: 'C0FUTURE', user: 'U0EVE', text, ts: asked.ts })),
      signingSecret,
      { timestamp: Math.floor(Date.now() / 1000) + 600 },
    );
    expect(future.status).toBe(401);
    await sleep(300);
    expect(harness.slack.channels.in('C0FUTURE').filter((message) => message.botId)).toEqual([]);
  });

  it('answers a replayed /kb request once', async () => {
    const responseUrl = harness.slack.newResponseUrl();
    const fields = commandFields({
      text: 'How long is parental leave?',
      channel: 'C0REPLAY',
      user: 'U0EVE',
      responseUrl,
    });
    const body = httpBody.command(fields);
    const replies = await Promise.all(
      [0, 1, 2].map(() => postSigned(harness.url('/slack/events'), body, signingSecret)),
    );
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    await harness.slack.waitFor(() =>
      harness.slack.responses.find((post) => post.id === responseUrl.split('/').at(-1)),
    );
    await sleep(500);
    const answers = harness.slack.responses.filter(
      (post) => post.id === responseUrl.split('/').at(-1),
    );
    expect(answers).toHaveLength(1);
  });
});
