import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  directMessageEvent,
  eventEnvelope,
  fakeBot,
  httpBody,
  mentionEvent,
  postSigned,
} from '@knowhow/slack-bot/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import {
  blockText,
  openSlackKnowledge,
  type SlackHarness,
  signingSecret,
  startSlackHarness,
} from './support/slack-harness.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;

const pglite = testBackends()[0]!;
const mention = `<@${fakeBot.userId}>`;
const question = `${mention} How many vacation days do new employees get?`;

describe('Slack bot reliability (HTTP)', () => {
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

  const postedIn = (channel: string) =>
    harness.slack.callsTo('chat.postMessage').filter((call) => call.args['channel'] === channel);

  it('rejects requests with a bad or stale signature, and answers nothing', async () => {
    const asked = harness.slack.postAsUser({ channel: 'C0SIGNED', user: 'U0EVE', text: question });
    const body = httpBody.event(
      mentionEvent({ channel: 'C0SIGNED', user: 'U0EVE', text: question, ts: asked.ts }),
    );
    const forged = await postSigned(harness.url('/slack/events'), body, 'not-the-secret');
    const stale = await postSigned(harness.url('/slack/events'), body, signingSecret, {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const unsigned = await postSigned(harness.url('/slack/events'), body, signingSecret, {
      signature: '',
    });
    expect([forged.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(postedIn('C0SIGNED')).toEqual([]);
  });

  it('answers a retried event once, also when the retries arrive together', async () => {
    const asked = harness.slack.postAsUser({ channel: 'C0RETRY', user: 'U0EVE', text: question });
    const envelope = mentionEvent(
      { channel: 'C0RETRY', user: 'U0EVE', text: question, ts: asked.ts },
      'Ev0RETRIED01',
    );
    const deliveries = await Promise.all([
      harness.sendEvent(envelope),
      harness.sendEvent(envelope, { retryNum: 1 }),
      harness.sendEvent(envelope, { retryNum: 2 }),
    ]);
    expect(deliveries.map((delivery) => (delivery as { status: number }).status)).toEqual([
      200, 200, 200,
    ]);
    await harness.settledReply('C0RETRY', asked.ts, asked.ts);
    await harness.sendEvent(envelope, { retryNum: 3 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(postedIn('C0RETRY')).toHaveLength(1);
    expect(harness.logs.filter((line) => line.message === 'conversation.duplicate')).toHaveLength(
      3,
    );
  });

  it('ignores other bots, its own messages, edits and deletions', async () => {
    const ts = harness.slack.channels.nextTs();
    await harness.sendEvent(
      eventEnvelope({
        type: 'app_mention',
        user: 'U0OTHERBOT',
        bot_id: 'B0OTHER',
        text: question,
        ts,
        channel: 'C0QUIET',
      }),
    );
    await harness.sendEvent(
      directMessageEvent(
        { channel: 'D0QUIET', user: 'U0OTHERBOT', text: 'How many vacation days?', ts },
        { bot_id: 'B0OTHER' },
      ),
    );
    await harness.sendEvent(
      directMessageEvent(
        { channel: 'D0QUIET', user: fakeBot.userId, text: 'an answer', ts },
        { bot_id: fakeBot.botId },
      ),
    );
    await harness.sendEvent(
      eventEnvelope({
        type: 'message',
        subtype: 'message_changed',
        channel_type: 'im',
        channel: 'D0QUIET',
        ts,
        message: { user: 'U0EVE', text: 'How many vacation days?', ts },
      }),
    );
    await harness.sendEvent(
      eventEnvelope({
        type: 'message',
        subtype: 'message_deleted',
        channel_type: 'im',
        channel: 'D0QUIET',
        ts,
        deleted_ts: ts,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...postedIn('C0QUIET'), ...postedIn('D0QUIET')]).toEqual([]);
  });

  it('does not answer again when a mention is edited', async () => {
    const asked = harness.slack.postAsUser({ channel: 'C0EDIT', user: 'U0EVE', text: question });
    await harness.sendEvent(
      mentionEvent({ channel: 'C0EDIT', user: 'U0EVE', text: question, ts: asked.ts }),
    );
    await harness.settledReply('C0EDIT', asked.ts, asked.ts);
    // Slack sends app_mention again for the edit, with a new event id and an `edited` field.
    await harness.sendEvent(
      eventEnvelope({
        type: 'app_mention',
        user: 'U0EVE',
        text: `${question} (typo fixed)`,
        ts: asked.ts,
        channel: 'C0EDIT',
        edited: { user: 'U0EVE', ts: harness.slack.channels.nextTs() },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(postedIn('C0EDIT')).toHaveLength(1);
  });

  it('explains how to ask when the mention has no question', async () => {
    const asked = harness.slack.postAsUser({ channel: 'C0EMPTY', user: 'U0EVE', text: mention });
    await harness.sendEvent(
      mentionEvent({ channel: 'C0EMPTY', user: 'U0EVE', text: mention, ts: asked.ts }),
    );
    const hint = await harness.slack.waitFor(() => postedIn('C0EMPTY')[0]);
    expect(hint.args).toMatchObject({ thread_ts: asked.ts });
    expect(hint.args['text']).toContain('Ask me a question after the mention');
  });

  it('shows failures in the thread with a short reason and a reference, never silence', async () => {
    harness.openai.failNext(500, 20);
    const first = harness.slack.postAsUser({ channel: 'C0FAIL', user: 'U0EVE', text: question });
    await harness.sendEvent(
      mentionEvent({ channel: 'C0FAIL', user: 'U0EVE', text: question, ts: first.ts }),
    );
    const modelDown = await harness.settledReply('C0FAIL', first.ts, first.ts);
    // The model is down: the cited excerpts still answer, under a label naming its host.
    expect(blockText(modelDown)).toMatch(
      /The language model at 127\.0\.0\.1:\d+ can't be reached or is failing \(reason: llm_unavailable\), so here are the most relevant excerpts/,
    );
    harness.openai.reset();

    harness.slack.failNext('chat.postMessage', 'service_unavailable');
    const second = harness.slack.postAsUser({ channel: 'C0FAIL', user: 'U0EVE', text: question });
    await harness.sendEvent(
      mentionEvent({ channel: 'C0FAIL', user: 'U0EVE', text: question, ts: second.ts }),
    );
    const slackDown = await harness.slack.waitFor(() =>
      harness.slack.channels
        .thread('C0FAIL', second.ts)
        .find((message) => message.botId && message.text.startsWith(':warning:')),
    );
    expect(slackDown.text).toMatch(
      /^:warning: Sorry, I couldn't answer this one because something went wrong \(reason: slack_service_unavailable, reference [0-9a-f]{8}\)\./,
    );
    const reference = /reference ([0-9a-f]{8})/.exec(slackDown.text)?.[1];
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'conversation.failed',
        fields: expect.objectContaining({ reference, reason: 'slack_service_unavailable' }),
      }),
    );
  });

  it('serves GET /healthz', async () => {
    const response = await fetch(harness.url('/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('never logs what people asked or what the documents say, below trace level', async () => {
    const asked = harness.slack.postAsUser({ channel: 'C0LOGS', user: 'U0EVE', text: question });
    await harness.sendEvent(
      mentionEvent({ channel: 'C0LOGS', user: 'U0EVE', text: question, ts: asked.ts }),
    );
    const reply = await harness.settledReply('C0LOGS', asked.ts, asked.ts);
    expect(blockText(reply)).toContain('25 vacation days');
    // The log line follows Slack's reply to the final update.
    for (let waited = 0; waited < 2000; waited += 10) {
      if (
        harness.logs.some(
          (line) =>
            line.message === 'conversation.answered' &&
            JSON.stringify(line.fields).includes('C0LOGS'),
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        message: 'conversation.answered',
        fields: expect.objectContaining({ platform: 'slack', conversation: 'C0LOGS' }),
      }),
    );
    // Trace (off unless asked for) is where Bolt's request dumps go.
    const logged = JSON.stringify(harness.logs.filter((line) => line.level !== 'trace'));
    expect(logged).not.toMatch(/vacation|25 days|New employees/i);
  });
});

describe('Slack bot limits and outages', () => {
  it(
    'answers a user over the rate limit politely, only to them',
    async () => {
      const knowledge = await openSlackKnowledge(pglite);
      const harness = await startSlackHarness({ ...knowledge, rateLimitPerMinute: 2 });
      try {
        for (let index = 0; index < 3; index += 1) {
          const asked = harness.slack.postAsUser({
            channel: 'C0BUSY',
            user: 'U0FAST',
            text: question,
          });
          await harness.sendEvent(
            mentionEvent({ channel: 'C0BUSY', user: 'U0FAST', text: question, ts: asked.ts }),
          );
          if (index < 2) await harness.settledReply('C0BUSY', asked.ts, asked.ts);
          else {
            const polite = await harness.slack.waitFor(
              () => harness.slack.callsTo('chat.postEphemeral')[0],
            );
            expect(polite.args).toMatchObject({
              channel: 'C0BUSY',
              user: 'U0FAST',
              thread_ts: asked.ts,
            });
            expect(polite.args['text']).toMatch(
              /^You're asking faster than I can keep up\. Please ask again in \d+ s\.$/,
            );
          }
        }
        expect(harness.slack.callsTo('chat.postMessage')).toHaveLength(2);
      } finally {
        await harness.close();
        await knowledge.close();
      }
    },
    setupTimeoutMs,
  );

  it(
    'tells the thread when its database is down, and /healthz says 503',
    async () => {
      const knowledge = await openSlackKnowledge(pglite);
      const harness = await startSlackHarness(knowledge);
      try {
        await knowledge.close();
        const asked = harness.slack.postAsUser({
          channel: 'C0DBDOWN',
          user: 'U0EVE',
          text: question,
        });
        await harness.sendEvent(
          mentionEvent({ channel: 'C0DBDOWN', user: 'U0EVE', text: question, ts: asked.ts }),
        );
        const notice = await harness.slack.waitFor(() =>
          harness.slack
            .callsTo('chat.postMessage')
            .find((call) => call.args['channel'] === 'C0DBDOWN'),
        );
        expect(notice.args).toMatchObject({ thread_ts: asked.ts });
        expect(notice.args['text']).toContain('(reason: database_unavailable, reference ');
        const health = await fetch(harness.url('/healthz'));
        expect(health.status).toBe(503);
        expect(await health.json()).toEqual({
          status: 'unavailable',
          reason: 'database_unavailable',
        });
      } finally {
        await harness.close();
      }
    },
    setupTimeoutMs,
  );
});

describe.each(testBackends())('two Slack bot processes on $name', (backend) => {
  it('answer an event delivered to both exactly once', async () => {
    const knowledge = await openSlackKnowledge(backend);
    const first = await startSlackHarness(knowledge);
    const second = await startSlackHarness({ ...knowledge, slack: first.slack });
    try {
      const asked = first.slack.postAsUser({ channel: 'C0TWINS', user: 'U0EVE', text: question });
      const envelope = mentionEvent({
        channel: 'C0TWINS',
        user: 'U0EVE',
        text: question,
        ts: asked.ts,
      });
      await Promise.all([first.sendEvent(envelope), second.sendEvent(envelope)]);
      await first.settledReply('C0TWINS', asked.ts, asked.ts);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(first.slack.callsTo('chat.postMessage')).toHaveLength(1);
    } finally {
      await second.close();
      await first.close();
      await knowledge.close();
    }
  });
});
