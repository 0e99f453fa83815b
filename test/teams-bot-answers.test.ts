import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { person, personalMessage } from '@knowhow/teams-bot/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import { openSlackKnowledge } from './support/slack-harness.js';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness.js';

const pglite = testBackends()[0]!;
const alice = person('Alice');

describe('Teams bot answers', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let harness: TeamsHarness;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    harness = await startTeamsHarness(knowledge);
  });
  beforeEach(() => harness.openai.reset());
  afterAll(async () => {
    await harness.close();
    await knowledge.close();
  });

  it('answers a 1:1 question: typing first, then the answer with citation entities and sources', async () => {
    const activity = personalMessage({
      serviceUrl: harness.connector.serviceUrl,
      from: alice,
      text: 'How many vacation days do new employees get?',
    });
    const conversationId = String((activity['conversation'] as { id: string }).id);
    const delivered = await harness.send(activity);
    expect(delivered.status).toBe(200);
    const answer = await harness.connector.waitFor(
      () => harness.connector.messagesTo(conversationId)[0],
    );
    const typing = harness.connector.sent.find(
      (sent) => sent.conversationId === conversationId && sent.activity['type'] === 'typing',
    );
    expect(typing?.at).toBeLessThan(answer.at);
    expect(answer.replyToId).toBe(activity['id']);
    console.log(JSON.stringify(answer.activity, null, 2));
  });
});
