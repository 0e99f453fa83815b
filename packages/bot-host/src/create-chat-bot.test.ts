import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { KnowhowError, platformVocabulary } from '@knowhow/rag-core';
import { MemoryConversationStore } from '@knowhow/rag-core/testing';
import { createBotHost } from './bot-host.js';
import { type ChatBot, type ChatBotDependencies, createChatBot } from './create-chat-bot.js';

const lines: { level: string; fields: object; message: string }[] = [];
const log = (level: string) => (fields: object, message: string) =>
  void lines.push({ level, fields, message });
const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
const vocabulary = platformVocabulary('slack', (error) =>
  error === 'refused'
    ? new KnowhowError('platform_refused', 'refused', { detail: 'nope' })
    : undefined,
);
const bots: ChatBot[] = [];

afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop(0)));
  lines.splice(0);
});

function chatBot(port = 0, overrides: Partial<ChatBotDependencies> = {}) {
  const conversations = new MemoryConversationStore();
  const bot = createChatBot(
    {
      ask: () => Promise.reject(new Error('not asked here')),
      conversations,
      checkHealth: async () => undefined,
      logger,
      ...overrides,
    },
    {
      platform: 'slack',
      vocabulary,
      config: { rateLimitPerMinute: 10, port },
      portVariable: 'CHAT_PORT',
    },
  );
  bots.push(bot);
  return { bot, conversations };
}

describe('a chat bot on its own host', () => {
  it('serves its routes until stopping, then turns requests away with 503', async () => {
    const host = createBotHost({ port: 0, host: '127.0.0.1' });
    const port = await host.listen();
    try {
      const { bot } = chatBot(0, { host });
      bot.receive('/chat/events', (_request, response) => response.end('ok'));
      await bot.start({});
      const post = () =>
        fetch(`http://127.0.0.1:${port}/chat/events`, { method: 'POST', body: '{}' });
      expect(await (await post()).text()).toBe('ok');
      await bot.stop(1000);
      expect((await post()).status).toBe(503);
      expect(lines.map((line) => line.message)).toEqual([
        'slack.started',
        'slack.stopping',
        'slack.stopped',
      ]);
    } finally {
      await host.close();
    }
  });

  it('says which variable to change when its port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const { bot } = chatBot(port);
      await expect(bot.start({})).rejects.toMatchObject({
        code: 'chat_platform_failed',
        message: `port ${port} is already in use: set CHAT_PORT (or PORT) to a free port`,
      });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("names the platform when it cannot start, unless the platform's own words explain it", async () => {
    const { bot } = chatBot();
    await expect(bot.start({ connect: () => Promise.reject(new Error('boom')) })).rejects.toThrow(
      'the Slack bot could not start: boom',
    );
    const explained = new KnowhowError('chat_platform_failed', 'the token was refused');
    const second = chatBot().bot;
    await expect(
      second.start({ connect: () => Promise.reject(new Error('x')), explain: () => explained }),
    ).rejects.toBe(explained);
  });
});

describe('reporting a failure', () => {
  it('logs it with a reference and tells the user the reason and reference', async () => {
    const { bot } = chatBot();
    const told: string[] = [];
    await bot.reportFailure(
      { type: 'slack.share_failed', user: 'U1' },
      'refused',
      async (reason, reference) => told.push(`${reason} ${reference}`),
    );
    const [line] = lines.filter((entry) => entry.message === 'slack.share_failed');
    expect(line?.fields).toMatchObject({ user: 'U1', reason: 'slack_nope' });
    const reference = (line?.fields as { reference: string }).reference;
    expect(told).toEqual([`slack_nope ${reference}`]);
  });

  it('logs a failure to tell, never throws it', async () => {
    const { bot } = chatBot();
    await bot.reportFailure({ type: 'slack.share_failed', user: 'U1' }, new Error('x'), () =>
      Promise.reject(new Error('cannot tell')),
    );
    expect(lines.map((line) => line.message)).toEqual([
      'slack.share_failed',
      'slack.failure_report_failed',
    ]);
  });
});

describe('feedback', () => {
  it('stores a verdict under the platform, and says when the answer is unknown', async () => {
    const { bot, conversations } = chatBot();
    expect(await bot.saveFeedback({ answerId: 'unknown', userId: 'U1', verdict: 'up' })).toBe(
      false,
    );
    expect(lines.map((line) => line.message)).toEqual(['slack.feedback_for_unknown_answer']);
    conversations.failing = new Error('down');
    await expect(
      bot.saveFeedback({ answerId: 'a', userId: 'U1', verdict: 'up' }),
    ).rejects.toMatchObject({ code: 'database_unavailable' });
  });
});
