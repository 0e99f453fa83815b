import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { closeServer } from '@knowhow/rag-core/testing';
import { webApi } from '@slack/bolt';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readHistory } from './conversation-history.js';
import { fakeBot, FakeSlackServer } from './testing/index.js';

let fake: FakeSlackServer;
let client: webApi.WebClient;
let channels = 0;

beforeAll(async () => {
  fake = await FakeSlackServer.start();
  client = new webApi.WebClient('xoxb-test-token', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
  });
});
afterAll(async () => {
  await fake.stop();
});

/** A fresh channel for each test, so their messages never mix. */
const newChannel = (prefix: 'C' | 'D') => `${prefix}${(channels += 1)}`;
const own = { user: fakeBot.userId, botId: fakeBot.botId };
const bot = { botUserId: fakeBot.userId, botId: fakeBot.botId };
const answer = (status: string, query: string) => ({
  event_type: 'knowhow_answer',
  event_payload: { answer_id: `id-${query}`, status, query },
});

describe('readHistory in a thread', () => {
  it('reads the earlier turns, answers as the assistant with their query on the question', async () => {
    const channel = newChannel('C');
    const say = (text: string, threadTs?: string) =>
      fake.postAsUser({ channel, user: 'UDANA', text, ...(threadTs ? { threadTs } : {}) });
    const threadTs = say('<@UKNOWHOW> how much parental leave?').ts;
    fake.channels.add({ channel, threadTs, ...own, text: 'Working on it…' });
    fake.channels.add({
      channel,
      threadTs,
      ...own,
      text: 'Parents get *16 weeks* &amp; more [1].',
      metadata: answer('answered', 'parental leave'),
    });
    say('<@UKNOWHOW> and for <#C0123|adoption>?', threadTs);
    fake.channels.add({ channel, threadTs, ...own, text: 'Oops', metadata: answer('failed', 'x') });
    fake.channels.add({ channel, threadTs, user: 'UOTHER', botId: 'BOTHER', text: 'Deploy done' });
    const current = say('<@UKNOWHOW> and fathers?', threadTs);
    say('a later message', threadTs);

    const turns = await readHistory(client, {
      channel,
      ts: current.ts,
      threadTs,
      isDirect: false,
      ...bot,
      limit: 20,
    });
    expect(turns).toEqual([
      { role: 'user', text: 'how much parental leave?', query: 'parental leave' },
      { role: 'assistant', text: 'Parents get *16 weeks* & more [1].' },
      { role: 'user', text: 'and for #adoption?' },
    ]);
    const [call] = fake
      .callsTo('conversations.replies')
      .filter((c) => c.args['channel'] === channel);
    expect(call?.args).toMatchObject({
      ts: threadTs,
      latest: current.ts,
      inclusive: 'false',
      include_all_metadata: 'true',
    });
  });

  it("keeps the thread's first message and the latest others within the limit", async () => {
    const channel = newChannel('C');
    const threadTs = fake.postAsUser({ channel, user: 'U1', text: 'question 0' }).ts;
    for (let n = 1; n <= 6; n += 1) {
      fake.postAsUser({ channel, user: 'U1', text: `question ${n}`, threadTs });
    }
    const current = fake.postAsUser({ channel, user: 'U1', text: 'now', threadTs });
    const request = { channel, ts: current.ts, threadTs, isDirect: false, ...bot };
    const texts = async (limit: number) =>
      (await readHistory(client, { ...request, limit })).map((turn) => turn.text);
    expect(await texts(3)).toEqual(['question 0', 'question 5', 'question 6']);
    expect(await texts(1)).toEqual(['question 0']);
    expect(await texts(7)).toHaveLength(7);
  });

  it('pages through a long thread to its latest messages', async () => {
    const channel = newChannel('C');
    const threadTs = fake.postAsUser({ channel, user: 'U1', text: 'q0' }).ts;
    for (let n = 1; n <= 250; n += 1)
      fake.postAsUser({ channel, user: 'U1', text: `q${n}`, threadTs });
    const current = fake.postAsUser({ channel, user: 'U1', text: 'now', threadTs });
    const turns = await readHistory(client, {
      channel,
      ts: current.ts,
      threadTs,
      isDirect: false,
      ...bot,
      limit: 3,
    });
    expect(turns.map((turn) => turn.text)).toEqual(['q0', 'q249', 'q250']);
  });

  it('recognises its own answers by bot id, and keeps a query only for a question', async () => {
    const channel = newChannel('C');
    const threadTs = fake.postAsUser({ channel, user: 'U1', text: 'leave?' }).ts;
    const first = { channel, threadTs, botId: fakeBot.botId, metadata: answer('uncited', 'leave') };
    fake.channels.add({ ...first, text: 'One' });
    fake.channels.add({ ...first, text: 'Two', metadata: answer('excerpts', 'again') });
    const current = fake.postAsUser({ channel, user: 'U1', text: 'ok', threadTs });
    const turns = await readHistory(client, {
      channel,
      ts: current.ts,
      threadTs,
      isDirect: false,
      botId: fakeBot.botId,
      limit: 10,
    });
    expect(turns).toEqual([
      { role: 'user', text: 'leave?', query: 'leave' },
      { role: 'assistant', text: 'One' },
      { role: 'assistant', text: 'Two' },
    ]);
  });

  it('skips joins and other subtypes but keeps broadcasts and file shares', async () => {
    const messages = [
      { type: 'message', ts: '1.000001', user: 'U1', text: 'first' },
      { type: 'message', ts: '1.000002', user: 'U2', subtype: 'channel_join', text: 'joined' },
      { type: 'message', ts: '1.000003', user: 'U1', subtype: 'thread_broadcast', text: 'bc' },
      { type: 'message', ts: '1.000004', user: 'U1', subtype: 'file_share', text: 'a file' },
      { type: 'message', ts: '1.000005', user: 'U1', text: '<@UKNOWHOW>' },
    ];
    // The fake keeps no subtypes, so these come from a server answering with them as given.
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, messages }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const raw = new webApi.WebClient('xoxb-x', { slackApiUrl: `http://127.0.0.1:${port}/api/` });
      const turns = await readHistory(raw, {
        ...{ channel: 'C1', ts: '1.000009', threadTs: '1.000001', isDirect: false, limit: 20 },
        ...bot,
      });
      expect(turns.map((turn) => turn.text)).toEqual(['first', 'bc', 'a file']);
    } finally {
      await closeServer(server);
    }
  });
});

describe('readHistory in a DM', () => {
  it('reads the last hour of the DM, oldest first', async () => {
    const channel = newChannel('D');
    const start = fake.channels.nextTs();
    const hourAgo = (Number(start) - 3601).toFixed(6);
    fake.channels.add({ channel, user: 'U1', text: 'too old', ts: hourAgo });
    fake.postAsUser({ channel, user: 'U1', text: 'how much leave?' });
    fake.channels.add({ channel, ...own, text: '16 weeks', metadata: answer('answered', 'leave') });
    fake.postAsUser({ channel, user: 'U1', text: 'in a thread', threadTs: start });
    const current = fake.postAsUser({ channel, user: 'U1', text: 'and fathers?' });
    fake.postAsUser({ channel, user: 'U1', text: 'later' });
    const request = { channel, ts: current.ts, isDirect: true, ...bot };

    expect(await readHistory(client, { ...request, limit: 20 })).toEqual([
      { role: 'user', text: 'how much leave?', query: 'leave' },
      { role: 'assistant', text: '16 weeks' },
    ]);
    const calls = fake
      .callsTo('conversations.history')
      .filter((c) => c.args['channel'] === channel);
    expect(calls[0]?.args).toMatchObject({ latest: current.ts, limit: '20', inclusive: 'false' });
    expect(Number(calls[0]?.args['oldest'])).toBeCloseTo(Number(current.ts) - 3600, 3);
    expect(await readHistory(client, { ...request, limit: 1 })).toEqual([
      { role: 'assistant', text: '16 weeks' },
    ]);
  });

  it('reads nothing outside a thread or DM, or with a limit of 0', async () => {
    const before = fake.calls.length;
    const request = { channel: 'C9', ts: fake.channels.nextTs(), ...bot };
    expect(await readHistory(client, { ...request, isDirect: false, limit: 20 })).toEqual([]);
    expect(await readHistory(client, { ...request, isDirect: true, limit: 0 })).toEqual([]);
    const threadTs = request.ts;
    expect(await readHistory(client, { ...request, threadTs, isDirect: false, limit: 0 })).toEqual(
      [],
    );
    expect(fake.calls.length).toBe(before);
  });
});
