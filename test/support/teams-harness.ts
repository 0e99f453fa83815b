import {
  type Ask,
  createAsker,
  createChatModel,
  createSearcher,
  describeModelHost,
} from '@knowhow/rag-core';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { type TeamsAuth, type TeamsBot, startTeamsBot } from '@knowhow/teams-bot';
import { FakeBotConnector, postActivity } from '@knowhow/teams-bot/testing';
import type { PgConversationStore, PgKnowledgeStore } from '@knowhow/store-pgvector';
import { capturingLogger, type LogLine } from './slack-harness.js';

export const teamsAppId = 'app-id-knowhow';

export interface TeamsHarnessOptions {
  readonly store: PgKnowledgeStore;
  readonly conversations: PgConversationStore;
  /** Check Bot Framework tokens (against the fake's keys) instead of anonymous mode. */
  readonly authenticated?: boolean;
  readonly llm?: boolean;
  readonly rateLimitPerMinute?: number;
  readonly ask?: Ask;
  readonly allowedTenants?: readonly string[];
}

/** A running Teams bot wired to a fake Bot Connector and a fake OpenAI, and ways to talk to it. */
export interface TeamsHarness {
  readonly connector: FakeBotConnector;
  readonly openai: FakeOpenAIServer;
  readonly bot: TeamsBot;
  readonly logs: LogLine[];
  readonly messagesUrl: string;
  /** POSTs an activity (with a valid token when authenticated). */
  send(activity: Record<string, unknown>): Promise<{ status: number; body: string; ms: number }>;
  close(): Promise<void>;
}

export async function startTeamsHarness(options: TeamsHarnessOptions): Promise<TeamsHarness> {
  const connector = await FakeBotConnector.start();
  const openai = await FakeOpenAIServer.start();
  const logs: LogLine[] = [];
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
  const auth: TeamsAuth = options.authenticated
    ? {
        mode: 'app',
        appId: teamsAppId,
        appType: 'MultiTenant',
        password: 'not-used-by-the-tests',
        endpoints: { ToBotFromChannelOpenIdMetadataUrl: connector.identity.openIdMetadataUrl },
      }
    : { mode: 'anonymous' };
  const bot = await startTeamsBot(
    {
      auth,
      allowedTenants: options.allowedTenants ?? [],
      port: 0,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
      historyTurns: 20,
      streaming: true,
      streamIntervalMs: 50,
    },
    {
      ask,
      conversations: options.conversations,
      checkHealth: () => options.store.database.query('SELECT 1'),
      logger: capturingLogger(logs),
    },
  );
  const messagesUrl = `http://127.0.0.1:${bot.port}/api/messages`;
  return {
    connector,
    openai,
    bot,
    logs,
    messagesUrl,
    send: (activity) =>
      postActivity(
        messagesUrl,
        activity,
        options.authenticated
          ? connector.identity.token({
              appId: teamsAppId,
              serviceUrl: String(activity['serviceUrl']),
            })
          : undefined,
      ),
    async close() {
      await bot.stop(1000);
      await openai.stop();
      await connector.stop();
    },
  };
}
