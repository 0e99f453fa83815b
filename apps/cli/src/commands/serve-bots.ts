import { once } from 'node:events';
import { type BotHost, createBotHost } from '@knowhow/bot-host';
import { KnowhowError } from '@knowhow/rag-core';
import { type SlackBot, startSlackBot } from '@knowhow/slack-bot';
import { PgConversationStore } from '@knowhow/store-pgvector';
import { startTeamsBot, type TeamsBot } from '@knowhow/teams-bot';
import { type CommandContext, withRuntime } from '../command-context.js';
import { sampleCollectionNotice } from '../sample-handbook.js';
import { cliLog } from '../cli-event.js';

const botsNotConfigured = [
  'No chat platform is configured.',
  'For Slack set SLACK_BOT_TOKEN, and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see "Set up in Slack" in the README.',
  'For Teams set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (MicrosoftAppType=MultiTenant for a multi-tenant bot); see "Set up in Teams".',
].join('\n');

type Platform = 'slack' | 'teams';

/**
 * `knowhow slack`, `knowhow teams`, and `npm start` when a platform is configured: answers
 * there until Ctrl-C or SIGTERM, then finishes the answers in progress and stops. The bots
 * share one runtime (database, models) in one process.
 */
export async function serveBots(
  context: CommandContext,
  only: readonly Platform[] = ['slack', 'teams'],
  options: { readonly sync?: boolean } = {},
): Promise<number> {
  const slack = only.includes('slack') ? context.env.slack : undefined;
  const teams = only.includes('teams') ? context.env.teams : undefined;
  if (!slack && !teams) {
    context.warn(botsNotConfigured);
    return 2;
  }
  // Loaded only with a schedule: the source adapters' libraries are not small.
  const scheduled = options.sync ? await import('./scheduled-sync.js') : undefined;
  const plan = scheduled?.planScheduledSync(context);
  // Syncing writes documents, so the embedding model is registered as for ingest.
  const log = cliLog(context.logger);
  return withRuntime(context, plan ? 'ingest' : 'search', async (runtime) => {
    if ((await runtime.store.stats()).documents === 0) {
      context.warn(
        'Note: the knowledge base is empty, so every answer will say so. Add documents with: npx knowhow ingest <folder>',
      );
    }
    const sample = sampleCollectionNotice(await runtime.store.documents());
    if (sample) {
      context.warn(sample.text);
      log.warn({ type: 'knowledge.sample_collection', collections: sample.collections });
    }
    // Keyword-only because the configured model could not be used: the bots still answer, and
    // say so in /healthz and the log (the console note came from withRuntime).
    const problem = runtime.embeddingsProblem;
    const health = runtime.embedder
      ? { search: 'hybrid', model: runtime.embedder.model.name }
      : { search: 'keyword', ...(problem ? { problem: problem.message } : {}) };
    if (problem) {
      log.warn({ type: 'bots.keyword_search_only', code: problem.code, problem: problem.message });
    }
    const stop = context.stopGracefully();
    // A service keeps answering after a stray rejection deep in a library (a failed
    // reconnect attempt, say); it is logged, and /healthz shows whether the bot can answer.
    const unhandled = (reason: unknown) => log.failed('process.unhandled_rejection', reason);
    process.on('unhandledRejection', unhandled);
    const host = createBotHost({
      port: slack ? slack.port : (teams?.port ?? 3000),
      // Unauthenticated Teams (local testing) is reachable from this machine only.
      ...(teams?.auth.mode === 'anonymous' ? { host: '127.0.0.1' } : {}),
      onError: (error) => log.failed('http.request_failed', error),
    });
    runtime.onEvent((event) => host.metrics.observe(event));
    host.addHealthDetails(health);
    const port = await listenOrExplain(host, slack ? 'SLACK_PORT' : 'TEAMS_PORT');
    const shared = {
      host,
      ask: runtime.ask,
      conversations: new PgConversationStore(runtime.store.database),
      checkHealth: () => runtime.store.database.query('SELECT 1'),
    };
    const running: (SlackBot | TeamsBot)[] = [];
    try {
      if (slack) {
        const bot = await startSlackBot(slack, {
          ...shared,
          logger: context.logger.child({ component: 'slack' }),
        });
        running.push(bot);
        const connection =
          bot.mode === 'socket'
            ? 'Socket Mode'
            : `HTTP: Slack sends requests to http://<this host>:${port}/slack/events`;
        context.print(
          `Knowhow is answering in Slack (${connection}). Health check: http://localhost:${port}/healthz, metrics: /metrics.`,
        );
      }
      if (teams) {
        const bot = await startTeamsBot(teams, {
          ...shared,
          logger: context.logger.child({ component: 'teams' }),
        });
        running.push(bot);
        const endpoint =
          teams.auth.mode === 'anonymous'
            ? `http://localhost:${port}/api/messages (this machine only)`
            : `https://<this host>/api/messages (port ${port})`;
        context.print(
          `Knowhow is answering in Teams: the messaging endpoint is ${endpoint}. Health check: http://localhost:${port}/healthz.`,
        );
        if (slack && teams.port !== port) {
          context.warn(
            `Note: one HTTP server serves both bots, on port ${port} (the Slack port); TEAMS_PORT ${teams.port} is not used.`,
          );
        }
        if (teams.auth.mode === 'anonymous') {
          context.warn(
            'Note: TEAMS_ALLOW_ANONYMOUS=true: requests are not authenticated. For local testing only.',
          );
        }
      }
      const syncing =
        plan && scheduled
          ? scheduled.runScheduledSync(context, runtime, plan, host, stop)
          : undefined;
      context.print('Ctrl-C stops it.');
      if (!stop.aborted) await once(stop, 'abort');
      await syncing;
    } finally {
      await Promise.all(running.map((bot) => bot.stop()));
      await host.close();
      process.off('unhandledRejection', unhandled);
    }
    context.print('Stopped.');
    return 0;
  });
}

/** Listens on the host's port, or says which variable to change. */
async function listenOrExplain(host: BotHost, variable: string): Promise<number> {
  try {
    return await host.listen();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    throw new KnowhowError(
      'chat_platform_failed',
      `the port is already in use: set ${variable} (or PORT) to a free port`,
      { cause: error },
    );
  }
}
