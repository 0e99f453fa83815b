import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buttonClick, commandFields, fakeBot, mentionEvent } from '@knowhow/slack-bot/testing';
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

describe('Slack /kb, sharing and feedback (HTTP)', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let harness: SlackHarness;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    harness = await startSlackHarness(knowledge);
  }, setupTimeoutMs);
  afterAll(async () => {
    await harness.close();
    await knowledge.close();
  });

  const responsesTo = (url: string) =>
    harness.slack.responses.filter((post) => url.endsWith(`/response-url/${post.id}`));

  it('/kb answers only the asker, and "Share in channel" posts the answer for everyone', async () => {
    const responseUrl = harness.slack.newResponseUrl();
    const ack = await harness.sendCommand(
      commandFields({
        text: 'how many vacation days do new employees get?',
        channel: 'C0GENERAL',
        user: 'U0BOB',
        responseUrl,
      }),
    );
    expect(ack).toEqual({
      response_type: 'ephemeral',
      text: ':mag: You asked: “how many vacation days do new employees get?”. The answer follows in a moment; only you can see it.',
    });
    const answer = await harness.slack.waitFor(() => responsesTo(responseUrl)[0]);
    // Slack cannot replace a command's acknowledgement: the answer is a message of its own.
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blockText(answer.body)).toContain('25 vacation days');
    const answerId = buttons(answer.body)['knowhow_share'];
    expect(answerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(buttons(answer.body)['knowhow_feedback_up']).toBe(answerId);
    // No message was posted in the channel: the answer is the asker's alone so far.
    expect(harness.slack.channels.in('C0GENERAL')).toEqual([]);

    const shareUrl = harness.slack.newResponseUrl();
    await harness.sendInteraction(
      buttonClick({
        actionId: 'knowhow_share',
        value: answerId ?? '',
        user: 'U0BOB',
        channel: 'C0GENERAL',
        messageTs: '1.000001',
        ephemeral: true,
        responseUrl: shareUrl,
      }),
    );
    const [shared, confirmation] = await harness.slack.waitFor(() => {
      const posts = responsesTo(shareUrl);
      return posts.length === 2 ? posts : undefined;
    });
    expect(shared?.body).toMatchObject({
      response_type: 'in_channel',
      replace_original: false,
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(blockText(shared?.body)).toContain('Shared by <@U0BOB>');
    expect(blockText(shared?.body)).toContain('25 vacation days');
    expect(blockText(shared?.body)).toContain('*Sources*\n1. *Time off*');
    expect(Object.keys(buttons(shared?.body ?? {}))).toEqual([
      'knowhow_feedback_up',
      'knowhow_feedback_down',
    ]);
    expect(confirmation?.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: true,
      text: ':white_check_mark: Shared in the channel.',
    });
  });

  it('/kb alone and /kb help explain how to use Knowhow, without asking anything', async () => {
    const before = harness.openai.requests.length;
    for (const text of ['', 'help', '  HELP ']) {
      const ack = await harness.sendCommand(
        commandFields({
          text,
          channel: 'C0GENERAL',
          user: 'U0BOB',
          responseUrl: harness.slack.newResponseUrl(),
        }),
      );
      expect(ack['response_type']).toBe('ephemeral');
      expect(ack['text']).toContain('`/kb <question>`: an answer only you can see');
      expect(ack['text']).toContain('Mention me in a channel');
    }
    expect(harness.openai.requests.length).toBe(before);
  });

  it('stores feedback (answer, question, user, verdict, time), one verdict per user, and thanks the clicker only', async () => {
    const asked = harness.slack.postAsUser({
      channel: 'C0GENERAL',
      user: 'U0ALICE',
      text: `<@${fakeBot.userId}> How many vacation days do new employees get?`,
    });
    await harness.sendEvent(
      mentionEvent({ channel: 'C0GENERAL', user: 'U0ALICE', text: asked.text, ts: asked.ts }),
    );
    const reply = await harness.settledReply('C0GENERAL', asked.ts, asked.ts);
    const answerId = buttons(reply)['knowhow_feedback_up'] ?? '';
    // Each click is acknowledged before it is handled, so the next waits for the thanks.
    const click = async (actionId: string, user: string) => {
      const before = harness.slack.callsTo('chat.postEphemeral').length;
      await harness.sendInteraction(
        buttonClick({
          actionId,
          value: answerId,
          user,
          channel: 'C0GENERAL',
          messageTs: reply.ts,
          threadTs: asked.ts,
          responseUrl: harness.slack.newResponseUrl(),
        }),
      );
      await harness.slack.waitFor(() =>
        harness.slack.callsTo('chat.postEphemeral').length > before ? true : undefined,
      );
    };
    await click('knowhow_feedback_down', 'U0CAROL');
    await click('knowhow_feedback_up', 'U0CAROL');
    await click('knowhow_feedback_up', 'U0DAN');
    const { rows } = await knowledge.store.database.query<{
      user_id: string;
      verdict: string;
      question: string;
      platform: string;
      created_at: Date;
    }>(
      'SELECT user_id, verdict, question, platform, created_at FROM feedback WHERE answer_id = $1 ORDER BY user_id',
      [answerId],
    );
    expect(rows.map(({ created_at: _created, ...row }) => row)).toEqual([
      {
        user_id: 'U0CAROL',
        verdict: 'up',
        question: 'How many vacation days do new employees get?',
        platform: 'slack',
      },
      {
        user_id: 'U0DAN',
        verdict: 'up',
        question: 'How many vacation days do new employees get?',
        platform: 'slack',
      },
    ]);
    expect(rows.every((row) => row.created_at instanceof Date)).toBe(true);
    const thanks = harness.slack.callsTo('chat.postEphemeral').slice(-3);
    expect(thanks.map((call) => call.args)).toEqual([
      expect.objectContaining({
        channel: 'C0GENERAL',
        user: 'U0CAROL',
        thread_ts: asked.ts,
        text: expect.stringContaining('Thanks for the feedback. It is recorded'),
      }),
      expect.objectContaining({
        user: 'U0CAROL',
        text: 'Thanks for the feedback: glad it helped.',
      }),
      expect.objectContaining({ user: 'U0DAN', text: 'Thanks for the feedback: glad it helped.' }),
    ]);
  });

  it('thanks for feedback on a shared answer through its response URL where the bot is not a member', async () => {
    const responseUrl = harness.slack.newResponseUrl();
    await harness.sendCommand(
      commandFields({
        text: 'How long is parental leave?',
        channel: 'C0NOTMEMBER',
        user: 'U0FAY',
        responseUrl,
      }),
    );
    const answer = await harness.slack.waitFor(() =>
      harness.slack.responses.find((post) => responseUrl.endsWith(`/${post.id}`)),
    );
    const answerId = buttons(answer.body)['knowhow_feedback_up'] ?? '';
    harness.slack.failNext('chat.postEphemeral', 'channel_not_found');
    const clickUrl = harness.slack.newResponseUrl();
    await harness.sendInteraction(
      buttonClick({
        actionId: 'knowhow_feedback_up',
        value: answerId,
        user: 'U0GUS',
        channel: 'C0NOTMEMBER',
        messageTs: '1.000003',
        responseUrl: clickUrl,
      }),
    );
    const thanks = await harness.slack.waitFor(() =>
      harness.slack.responses.find((post) => clickUrl.endsWith(`/${post.id}`)),
    );
    expect(thanks.body).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Thanks for the feedback: glad it helped.',
    });
    const { rows } = await knowledge.store.database.query<{ verdict: string }>(
      'SELECT verdict FROM feedback WHERE answer_id = $1 AND user_id = $2',
      [answerId, 'U0GUS'],
    );
    expect(rows).toEqual([{ verdict: 'up' }]);
  });

  it('says so when feedback is for an answer no longer on record', async () => {
    await harness.sendInteraction(
      buttonClick({
        actionId: 'knowhow_feedback_up',
        value: '00000000-0000-4000-8000-000000000000',
        user: 'U0ERIN',
        channel: 'C0GENERAL',
        messageTs: '1.000002',
        responseUrl: harness.slack.newResponseUrl(),
      }),
    );
    const note = await harness.slack.waitFor(() =>
      harness.slack.callsTo('chat.postEphemeral').find((call) => call.args['user'] === 'U0ERIN'),
    );
    expect(note.args['text']).toBe(
      'That answer is no longer on record, so this did not work. Please ask the question again.',
    );
  });
});
