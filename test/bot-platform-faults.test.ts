import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fakeBot, mentionEvent } from '@knowhow/slack-bot/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import { person, personalMessage } from '@knowhow/teams-bot/testing';
import {
  blockText,
  openSlackKnowledge,
  type SlackHarness,
  startSlackHarness,
} from './support/slack-harness.js';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;
// Each question here waits out a Retry-After of a second or more.
const slowTestMs = 180_000;

const pglite = testBackends()[0]!;
const questions = 12;

describe('platform faults: every 4th call rate-limited, odd input', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let slack: SlackHarness;
  let teams: TeamsHarness;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    slack = await startSlackHarness({ ...knowledge, llm: false });
    teams = await startTeamsHarness({ ...knowledge, llm: false });
  }, setupTimeoutMs);
  afterAll(async () => {
    await slack.close();
    await teams.close();
    await knowledge.close();
  });

  it(
    'Slack: delivers every answer when every 4th call is rate-limited (Retry-After 1 s)',
    async () => {
      slack.slack.rateLimitEvery(4, 1);
      try {
        const replies = await Promise.all(
          Array.from({ length: questions }, async (_, index) => {
            const channel = `C0LIMIT${index}`;
            const text = `<@${fakeBot.userId}> How many vacation days do new employees get?`;
            const asked = slack.slack.postAsUser({ channel, user: `U0L${index}`, text });
            await slack.sendEvent(
              mentionEvent({ channel, user: `U0L${index}`, text, ts: asked.ts }),
            );
            return slack.settledReply(channel, asked.ts, asked.ts);
          }),
        );
        expect(
          replies.filter((reply) => blockText(reply).includes('25 vacation days')),
        ).toHaveLength(questions);
        expect(
          slack.slack.calls.filter((call) => call.method === 'chat.update').length,
        ).toBeGreaterThan(0);
      } finally {
        slack.slack.rateLimitEvery(0);
      }
    },
    slowTestMs,
  );

  it(
    'Teams: delivers every answer when every 4th post is rate-limited (Retry-After 1 s)',
    async () => {
      teams.connector.rateLimitEvery(4, 1);
      try {
        const answers = await Promise.all(
          Array.from({ length: questions }, async (_, index) => {
            const activity = personalMessage({
              serviceUrl: teams.connector.serviceUrl,
              from: person(`Limited${index}`),
              text: 'How many vacation days do new employees get?',
            });
            expect((await teams.send(activity)).status).toBe(200);
            const conversation = String((activity['conversation'] as { id: string }).id);
            return teams.connector.waitFor(
              () =>
                teams.connector
                  .messagesTo(conversation)
                  .find((sent) => String(sent.activity['text']).includes('Sources')),
              60_000,
            );
          }),
        );
        expect(answers).toHaveLength(questions);
      } finally {
        teams.connector.rateLimitEvery(0);
      }
    },
    slowTestMs,
  );

  it('Teams: answers a question with a NUL byte, never reporting an outage', async () => {
    const activity = personalMessage({
      serviceUrl: teams.connector.serviceUrl,
      from: person('Nul'),
      text: 'How many vacation\u0000 days do new employees get?',
    });
    await teams.send(activity);
    const conversation = String((activity['conversation'] as { id: string }).id);
    const answer = await teams.connector.waitFor(() => teams.connector.messagesTo(conversation)[0]);
    expect(String(answer.activity['text'])).toContain('25 vacation days');
    expect(String(answer.activity['text'])).not.toContain('unavailable');
  });

  it('Teams: refuses an activity without a conversation or a sender, and stays up', async () => {
    const activity = personalMessage({
      serviceUrl: teams.connector.serviceUrl,
      from: person('Odd'),
      text: 'How long is parental leave?',
    });
    const noConversation = { ...activity, conversation: undefined };
    const noSender = { ...activity, from: undefined };
    expect((await teams.send(noConversation)).status).toBe(400);
    expect((await teams.send(noSender)).status).toBe(400);
    expect((await teams.send({ ...activity, from: null })).status).toBe(400);
    const fine = await teams.send(activity);
    expect(fine.status).toBe(200);
  });
});
