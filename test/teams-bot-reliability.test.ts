import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  botAdded,
  channelMention,
  feedbackInvoke,
  person,
  personalMessage,
  postActivity,
} from '@knowhow/teams-bot/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import { openSlackKnowledge } from './support/slack-harness.js';
import { startTeamsHarness, type TeamsHarness, teamsAppId } from './support/teams-harness.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;

const pglite = testBackends()[0]!;
const bob = person('Bob');
const question = 'How many vacation days do new employees get?';

describe('Teams bot with an app id: only Bot Framework may call it', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let harness: TeamsHarness;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    harness = await startTeamsHarness({ ...knowledge, authenticated: true });
  }, setupTimeoutMs);
  afterAll(async () => {
    await harness.close();
    await knowledge.close();
  });

  it('rejects requests without a valid token, and processes none of them', async () => {
    const serviceUrl = harness.connector.serviceUrl;
    const activity = personalMessage({ serviceUrl, from: bob, text: question });
    const { identity } = harness.connector;
    const attempts = await Promise.all([
      postActivity(harness.messagesUrl, activity),
      postActivity(harness.messagesUrl, activity, 'not-a-jwt'),
      postActivity(
        harness.messagesUrl,
        activity,
        identity.token({ appId: teamsAppId, serviceUrl, signedBy: 'other' }),
      ),
      postActivity(
        harness.messagesUrl,
        activity,
        identity.token({ appId: 'someone-elses-bot', serviceUrl }),
      ),
      postActivity(
        harness.messagesUrl,
        activity,
        identity.token({ appId: teamsAppId, serviceUrl: 'https://elsewhere.example/' }),
      ),
      postActivity(
        harness.messagesUrl,
        activity,
        identity.token({ appId: teamsAppId, serviceUrl, expiresInSeconds: -600 }),
      ),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401, 401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.connector.sent).toEqual([]);
    const { rows } = await knowledge.store.database.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM handled_events WHERE platform = 'teams'",
    );
    expect(rows[0]?.count).toBe(0);
  });

  it('accepts a request signed by Bot Framework for this app', async () => {
    const conversationId = 'a:chat-signed';
    const saved = { id: '11111111-2222-4333-8444-555555555555' };
    await knowledge.conversations.saveAnswer({
      id: saved.id,
      platform: 'teams',
      conversationId,
      userId: bob.aadObjectId,
      question,
      status: 'answered',
      text: 'Twenty-five [1].',
      citations: [],
    });
    await knowledge.conversations.linkMessage(
      'teams',
      conversationId,
      'bot-message-signed',
      saved.id,
    );
    const vote = await harness.send(
      feedbackInvoke({
        serviceUrl: harness.connector.serviceUrl,
        from: bob,
        conversationId,
        replyToId: 'bot-message-signed',
        reaction: 'like',
      }),
    );
    expect(vote.status).toBe(200);
    const { rows } = await knowledge.store.database.query<{ verdict: string }>(
      'SELECT verdict FROM feedback WHERE answer_id = $1',
      [saved.id],
    );
    expect(rows).toEqual([{ verdict: 'up' }]);
  });
});

describe('Teams bot reliability', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let harness: TeamsHarness;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    harness = await startTeamsHarness({ ...knowledge, rateLimitPerMinute: 3 });
  }, setupTimeoutMs);
  afterAll(async () => {
    await harness.close();
    await knowledge.close();
  });

  const messagesTo = (conversationId: string) => harness.connector.messagesTo(conversationId);

  it('answers a redelivered activity once, also when the copies arrive together', async () => {
    const activity = personalMessage({
      serviceUrl: harness.connector.serviceUrl,
      from: person('Rita'),
      conversationId: 'a:chat-retry',
      text: question,
    });
    const deliveries = await Promise.all([
      harness.send(activity),
      harness.send(activity),
      harness.send(activity),
    ]);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    await harness.connector.waitFor(() => messagesTo('a:chat-retry')[0]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(messagesTo('a:chat-retry')).toHaveLength(1);
  });

  it('shows failures in the conversation with a reason and a reference, never silence', async () => {
    harness.openai.failNext(500, 20);
    await harness.send(
      personalMessage({
        serviceUrl: harness.connector.serviceUrl,
        from: person('Sam'),
        conversationId: 'a:chat-fail',
        text: question,
      }),
    );
    const modelDown = await harness.connector.waitFor(() => messagesTo('a:chat-fail')[0]);
    // The model is down: the cited excerpts still answer, under a label naming its host.
    expect(String(modelDown.activity['text'])).toMatch(
      /The language model at 127\.0\.0\.1:\d+ can.t be reached or is failing \(reason: llm_unavailable\), so here are the most relevant excerpts/,
    );
    harness.openai.reset();

    // The first reply is refused by the Bot Connector; the error message after it gets through.
    harness.connector.failNext(403, 1);
    await harness.send(
      botAdded({
        serviceUrl: harness.connector.serviceUrl,
        from: person('Sam'),
        conversationId: 'a:chat-refused',
      }),
    );
    const refused = await harness.connector.waitFor(() => messagesTo('a:chat-refused')[0]);
    expect(String(refused.activity['text'])).toMatch(
      /^⚠️ Sorry, I couldn't answer this one because something went wrong \(reason: teams_http_403, reference [0-9a-f]{8}\)/,
    );
    const reference = /reference ([0-9a-f]{8})/.exec(String(refused.activity['text']))?.[1];
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'teams.turn_failed',
        fields: expect.objectContaining({ reference }),
      }),
    );
  });

  it('answers a user over the rate limit politely', async () => {
    const fast = person('Fast');
    for (let index = 0; index < 4; index += 1) {
      await harness.send(
        personalMessage({
          serviceUrl: harness.connector.serviceUrl,
          from: fast,
          conversationId: 'a:chat-fast',
          text: question,
        }),
      );
      await harness.connector.waitFor(() => messagesTo('a:chat-fast')[index]);
    }
    expect(String(messagesTo('a:chat-fast')[3]?.activity['text'])).toMatch(
      /^You're asking faster than I can keep up\. Please ask again in \d+ s\.$/,
    );
  });

  it('serves GET /healthz', async () => {
    const response = await fetch(harness.messagesUrl.replace('/api/messages', '/healthz'));
    expect(response.status).toBe(200);
  });

  it('never logs what people asked or what the documents say', async () => {
    await harness.send(
      personalMessage({
        serviceUrl: harness.connector.serviceUrl,
        from: person('Quiet'),
        conversationId: 'a:chat-logs',
        text: question,
      }),
    );
    await harness.connector.waitFor(() => messagesTo('a:chat-logs')[0]);
    for (
      let waited = 0;
      waited < 2000 && !harness.logs.some((line) => line.message === 'conversation.answered');
      waited += 10
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(harness.logs.some((line) => line.message === 'conversation.answered')).toBe(true);
    expect(JSON.stringify(harness.logs)).not.toMatch(/vacation|25 days|New employees/i);
  });
});

describe('Teams bot outages', () => {
  it(
    'tells the conversation when its database is down, and /healthz says 503',
    async () => {
      const knowledge = await openSlackKnowledge(pglite);
      const harness = await startTeamsHarness(knowledge);
      try {
        await knowledge.close();
        await harness.send(
          personalMessage({
            serviceUrl: harness.connector.serviceUrl,
            from: bob,
            conversationId: 'a:chat-dbdown',
            text: question,
          }),
        );
        const notice = await harness.connector.waitFor(
          () => harness.connector.messagesTo('a:chat-dbdown')[0],
        );
        expect(String(notice.activity['text'])).toContain(
          '(reason: database_unavailable, reference ',
        );
        const health = await fetch(harness.messagesUrl.replace('/api/messages', '/healthz'));
        expect(health.status).toBe(503);
      } finally {
        await harness.close();
      }
    },
    setupTimeoutMs,
  );
});

describe('Teams bot boundaries', () => {
  it(
    'answers only the configured tenants',
    async () => {
      const knowledge = await openSlackKnowledge(pglite);
      const harness = await startTeamsHarness({
        ...knowledge,
        allowedTenants: ['tenant-fernhill'],
      });
      try {
        const outsider = personalMessage({
          serviceUrl: harness.connector.serviceUrl,
          from: person('Mallory'),
          conversationId: 'a:chat-outsider',
          text: question,
        });
        const foreign = {
          ...outsider,
          conversation: {
            id: 'a:chat-outsider',
            conversationType: 'personal',
            tenantId: 'tenant-elsewhere',
          },
          channelData: { tenant: { id: 'tenant-elsewhere' } },
        };
        expect((await harness.send(foreign)).status).toBe(200);
        const refusal = await harness.connector.waitFor(
          () => harness.connector.messagesTo('a:chat-outsider')[0],
        );
        expect(String(refusal.activity['text'])).toContain(
          "Knowhow answers only its own organisation's members",
        );
        const vote = await harness.send({
          ...feedbackInvoke({
            serviceUrl: harness.connector.serviceUrl,
            from: person('Mallory'),
            conversationId: 'a:chat-outsider',
            replyToId: 'x',
            reaction: 'like',
          }),
          conversation: foreign.conversation,
        });
        expect(vote.status).toBe(403);
        await harness.send(
          personalMessage({
            serviceUrl: harness.connector.serviceUrl,
            from: bob,
            conversationId: 'a:chat-insider',
            text: question,
          }),
        );
        const answer = await harness.connector.waitFor(
          () => harness.connector.messagesTo('a:chat-insider')[0],
        );
        expect(String(answer.activity['text'])).toContain('25 vacation days');
      } finally {
        await harness.close();
        await knowledge.close();
      }
    },
    setupTimeoutMs,
  );

  it(
    'stores feedback on an answer in a channel thread',
    async () => {
      const knowledge = await openSlackKnowledge(pglite);
      const harness = await startTeamsHarness(knowledge);
      try {
        const mention = channelMention({
          serviceUrl: harness.connector.serviceUrl,
          from: bob,
          question: 'How long is parental leave?',
          channelId: '19:hr@thread.tacv2',
          threadId: '77',
        });
        await harness.send(mention);
        const answer = await harness.connector.waitFor(
          () => harness.connector.messagesTo('19:hr@thread.tacv2;messageid=77')[0],
        );
        // Whether the invoke names the thread or only the channel, the answer is found.
        for (const [conversationId, reaction] of [
          ['19:hr@thread.tacv2;messageid=77', 'dislike'],
          ['19:hr@thread.tacv2', 'like'],
        ] as const) {
          const vote = feedbackInvoke({
            serviceUrl: harness.connector.serviceUrl,
            from: bob,
            conversationId,
            replyToId: answer.id,
            reaction,
          });
          expect(
            (
              await harness.send({
                ...vote,
                conversation: { id: conversationId, conversationType: 'channel' },
              })
            ).status,
          ).toBe(200);
          const { rows } = await knowledge.store.database.query<{ verdict: string }>(
            'SELECT f.verdict FROM feedback f JOIN answer_messages m ON m.answer_id = f.answer_id WHERE m.message_id = $1',
            [answer.id],
          );
          expect(rows).toEqual([{ verdict: reaction === 'like' ? 'up' : 'down' }]);
        }
      } finally {
        await harness.close();
        await knowledge.close();
      }
    },
    setupTimeoutMs,
  );

  it(
    'finishes answers in progress when stopping, and turns new activities away with 503',
    async () => {
      const knowledge = await openSlackKnowledge(pglite);
      const harness = await startTeamsHarness(knowledge);
      try {
        harness.openai.respondWith(() => ({
          content: 'New employees get 25 vacation days [1].',
          delayMs: 400,
        }));
        await harness.send(
          personalMessage({
            serviceUrl: harness.connector.serviceUrl,
            from: bob,
            conversationId: 'a:chat-stopping',
            text: question,
          }),
        );
        const stopped = harness.bot.stop(5000);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const late = await harness.send(
          personalMessage({
            serviceUrl: harness.connector.serviceUrl,
            from: bob,
            conversationId: 'a:chat-late',
            text: question,
          }),
        );
        expect(late.status).toBe(503);
        await stopped;
        expect(
          String(harness.connector.messagesTo('a:chat-stopping')[0]?.activity['text']),
        ).toContain('25 vacation days');
        expect(harness.connector.messagesTo('a:chat-late')).toEqual([]);
      } finally {
        await harness.close();
        await knowledge.close();
      }
    },
    setupTimeoutMs,
  );

  it(
    'answers even when the typing indicator cannot be sent',
    async () => {
      const knowledge = await openSlackKnowledge(pglite);
      const harness = await startTeamsHarness(knowledge);
      try {
        harness.connector.failNext(403, 1);
        await harness.send(
          personalMessage({
            serviceUrl: harness.connector.serviceUrl,
            from: bob,
            conversationId: 'a:chat-notyping',
            text: question,
          }),
        );
        const answer = await harness.connector.waitFor(
          () => harness.connector.messagesTo('a:chat-notyping')[0],
        );
        expect(String(answer.activity['text'])).toContain('25 vacation days');
      } finally {
        await harness.close();
        await knowledge.close();
      }
    },
    setupTimeoutMs,
  );
});
