import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Ask,
  createAsker,
  describeModelHost,
  createChatModel,
  createSearcher,
  ingestFiles,
} from '@knowhow/rag-core';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { type BotLogger, type SlackBot, startSlackBot } from '@knowhow/slack-bot';
import {
  type FakeMessage,
  FakeSlackServer,
  httpBody,
  postSigned,
  type SignedPostOptions,
} from '@knowhow/slack-bot/testing';
import { PgConversationStore, type PgKnowledgeStore } from '@knowhow/store-pgvector';
import { openTestStore, type TestBackend } from '@knowhow/store-pgvector/testing';

const handbook = fileURLToPath(new URL('../../examples/handbook', import.meta.url));
export const signingSecret = 'test-signing-secret';

/** A document whose text tries to ping everyone and to plant a link. */
export const noticeText = [
  '# Printer notice',
  '',
  'The printer on floor three is broken <!channel> <!here> <@U999BOSS> <#C999|secret> <https://evil.example/login|click here to fix the printer> @everyone.',
].join('\n');

/** The knowledge base of the Slack tests: the sample handbook, an IT notice, nothing else. */
export async function openSlackKnowledge(backend: TestBackend) {
  const opened = await openTestStore(backend);
  const folder = await mkdtemp(join(tmpdir(), 'knowhow-slack-docs-'));
  await writeFile(join(folder, 'printer-notice.md'), noticeText);
  await ingestFiles({ store: opened.store }, { paths: [handbook], collection: 'handbook' });
  await ingestFiles({ store: opened.store }, { paths: [folder], collection: 'it' });
  return {
    store: opened.store,
    options: opened.options,
    conversations: new PgConversationStore(opened.store.database),
    close: opened.close,
  };
}

export interface LogLine {
  readonly level: string;
  readonly fields: object;
  readonly message: string;
}

/** Keeps every log line, to check what is (not) logged. */
export function capturingLogger(lines: LogLine[]): BotLogger {
  const at = (level: string) => (fields: object, message: string) => {
    lines.push({ level, fields, message });
  };
  return {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

export interface HarnessOptions {
  readonly store: PgKnowledgeStore;
  readonly conversations: PgConversationStore;
  readonly mode?: 'http' | 'socket';
  /** With the fake OpenAI server as the language model (default), or excerpts only. */
  readonly llm?: boolean;
  readonly rateLimitPerMinute?: number;
  readonly streamIntervalMs?: number;
  readonly port?: number;
  /** Replaces the answer pipeline (benchmarks). */
  readonly ask?: Ask;
  readonly slack?: FakeSlackServer;
  /** Slack's native streaming in threads (default off: the tests of updates use that path). */
  readonly streaming?: boolean;
}

/** A running Slack bot wired to a fake Slack and a fake OpenAI, and ways to talk to it. */
export interface SlackHarness {
  readonly slack: FakeSlackServer;
  readonly openai: FakeOpenAIServer;
  readonly bot: SlackBot;
  readonly logs: LogLine[];
  /** POSTs (HTTP) or sends over the socket (Socket Mode) an Events API envelope. */
  /** Resolves with the HTTP result (PostResult) or, in Socket Mode, the acknowledgement. */
  sendEvent(envelope: object, options?: SignedPostOptions): Promise<unknown>;
  /** A slash command; resolves with the acknowledgement's body. */
  sendCommand(fields: Record<string, string>): Promise<Record<string, unknown>>;
  sendInteraction(payload: object): Promise<unknown>;
  /** The bot's reply to a message once final (an answer or an error message). */
  settledReply(channel: string, afterTs: string, threadTs?: string): Promise<FakeMessage>;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const slack = options.slack ?? (await FakeSlackServer.start());
  const openai = await FakeOpenAIServer.start();
  const logs: LogLine[] = [];
  const mode = options.mode ?? 'http';
  const chatModel =
    options.llm === false
      ? undefined
      : await createChatModel({ baseURL: openai.baseURL, apiKey: 'sk-test', maxRetries: 0 });
  const ask =
    options.ask ??
    createAsker(
      {
        search: createSearcher({ store: options.store }),
        ...(chatModel ? { chatModel } : {}),
      },
      { modelHost: describeModelHost(openai.baseURL) },
    );
  const bot = await startSlackBot(
    {
      botToken: 'xoxb-test-token',
      connection:
        mode === 'socket' ? { mode, appToken: 'xapp-test-token' } : { mode, signingSecret },
      apiUrl: slack.apiUrl,
      port: options.port ?? 0,
      command: '/kb',
      rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
      historyMessages: 20,
      streamIntervalMs: options.streamIntervalMs ?? 50,
      streaming: options.streaming ?? false,
    },
    {
      ask,
      conversations: options.conversations,
      checkHealth: () => options.store.database.query('SELECT 1'),
      logger: capturingLogger(logs),
    },
  );
  if (mode === 'socket') await slack.socketMode.connected();
  const url = (path: string) => `http://127.0.0.1:${bot.port ?? options.port ?? 0}${path}`;
  return {
    slack,
    openai,
    bot,
    logs,
    url,
    sendEvent: (envelope, signed = {}) =>
      mode === 'socket'
        ? slack.socketMode.send(
            'events_api',
            envelope,
            signed.retryNum ? { retryAttempt: signed.retryNum } : {},
          )
        : postSigned(url('/slack/events'), httpBody.event(envelope), signingSecret, signed),
    async sendCommand(fields) {
      if (mode === 'socket')
        return (await slack.socketMode.send('slash_commands', fields)) as Record<string, unknown>;
      const result = await postSigned(
        url('/slack/events'),
        httpBody.command(fields),
        signingSecret,
      );
      if (result.status !== 200) throw new Error(`command got HTTP ${result.status}`);
      return result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {};
    },
    sendInteraction: (payload) =>
      mode === 'socket'
        ? slack.socketMode.send('interactive', payload)
        : postSigned(url('/slack/events'), httpBody.interaction(payload), signingSecret),
    settledReply: (channel, afterTs, threadTs) =>
      slack.waitFor(() =>
        slack.channels
          .in(channel)
          .find(
            (message) =>
              message.botId !== undefined &&
              Number(message.ts) > Number(afterTs) &&
              message.threadTs === threadTs &&
              message.blocks !== undefined,
          ),
      ),
    async close() {
      await bot.stop(1000);
      // The client closes its socket with a handshake; cutting it short leaves its timer running.
      if (mode === 'socket') await slack.socketMode.disconnected();
      await openai.stop();
      if (!options.slack) await slack.stop();
    },
  };
}

/** Every mrkdwn text of a message's blocks, joined by newlines. */
export function blockText(message: { blocks?: unknown } | undefined): string {
  const texts: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'mrkdwn' && typeof record['text'] === 'string')
        texts.push(record['text']);
      Object.values(record).forEach(visit);
    }
  };
  visit(message?.blocks);
  return texts.join('\n');
}

/** The buttons of a message: action id → value. */
export function buttons(message: { blocks?: unknown }): Record<string, string> {
  const found: Record<string, string> = {};
  for (const block of (message.blocks ?? []) as {
    type: string;
    elements?: { action_id?: string; value?: string }[];
  }[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? []) {
      if (element.action_id) found[element.action_id] = element.value ?? '';
    }
  }
  return found;
}
