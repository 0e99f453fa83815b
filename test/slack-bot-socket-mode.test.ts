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
import { freePort } from './support/free-port.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;

const pglite = testBackends()[0]!;

describe('Slack bot in Socket Mode', () => {
  let knowledge: Awaited<ReturnType<typeof openSlackKnowledge>>;
  let harness: SlackHarness;
  let port: number;

  beforeAll(async () => {
    knowledge = await openSlackKnowledge(pglite);
    port = await freePort();
    harness = await startSlackHarness({ ...knowledge, mode: 'socket', port });
  }, setupTimeoutMs);
  afterAll(async () => {
    await harness.close();
    await knowledge.close();
  });

  it('connects with the app token and answers a mention in its thread', async () => {
    expect(harness.slack.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test-token');
    const text = `<@${fakeBot.userId}> How many vacation days do new employees get?`;
    const asked = harness.slack.postAsUser({ channel: 'C0SOCKET', user: 'U0ALICE', text });
    const ack = await harness.sendEvent(
      mentionEvent({ channel: 'C0SOCKET', user: 'U0ALICE', text, ts: asked.ts }),
    );
    expect(ack).toEqual({});
    const reply = await harness.settledReply('C0SOCKET', asked.ts, asked.ts);
    expect(blockText(reply)).toContain('25 vacation days');
    expect(buttons(reply)['knowhow_feedback_up']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('acknowledges /kb over the socket, answers through the response URL and shares on request', async () => {
    const responseUrl = harness.slack.newResponseUrl();
    const ack = await harness.sendCommand(
      commandFields({
        text: 'how many vacation days do new employees get?',
        channel: 'C0SOCKET',
        user: 'U0BOB',
        responseUrl,
      }),
    );
    expect(ack).toEqual({
      response_type: 'ephemeral',
      text: expect.stringContaining(':mag: You asked: “how many vacation days'),
    });
    const answer = await harness.slack.waitFor(() =>
      harness.slack.responses.find((post) => responseUrl.endsWith(`/${post.id}`)),
    );
    expect(blockText(answer.body)).toContain('25 vacation days');
    const shareUrl = harness.slack.newResponseUrl();
    await harness.sendInteraction(
      buttonClick({
        actionId: 'knowhow_share',
        value: buttons(answer.body)['knowhow_share'] ?? '',
        user: 'U0BOB',
        channel: 'C0SOCKET',
        messageTs: '1.000001',
        ephemeral: true,
        responseUrl: shareUrl,
      }),
    );
    const shared = await harness.slack.waitFor(() =>
      harness.slack.responses.find(
        (post) => shareUrl.endsWith(`/${post.id}`) && post.body['response_type'] === 'in_channel',
      ),
    );
    expect(blockText(shared.body)).toContain('Shared by <@U0BOB>');
  });

  it('serves GET /healthz on PORT', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });
});
