import { once } from 'node:events';
import { PgConversationStore } from '@knowhow/store-pgvector';
import { startSlackBot } from '@knowhow/slack-bot';
import { type CommandContext, withRuntime } from '../command-context.js';

export const botsNotConfigured = [
  'No chat platform is configured.',
  'For Slack set SLACK_BOT_TOKEN, and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP).',
  'See "Set up in Slack" in the README.',
].join('\n');

/**
 * `knowhow slack`, and `npm start` when Slack is configured: answers in Slack until Ctrl-C or
 * SIGTERM, then finishes the answers in progress and stops.
 */
export async function serveBots(context: CommandContext): Promise<number> {
  const slack = context.env.slack;
  if (!slack) {
    context.warn(botsNotConfigured);
    return 2;
  }
  return withRuntime(context, 'search', async (runtime) => {
    if ((await runtime.store.stats()).documents === 0) {
      context.warn(
        'Note: the knowledge base is empty, so every answer will be "nothing found". Add documents with: npx knowhow ingest <folder>',
      );
    }
    const stop = context.stopGracefully();
    // A service keeps answering after a stray rejection deep in a library (a failed
    // reconnect attempt, say); it is logged, and /healthz shows whether Slack is connected.
    const unhandled = (reason: unknown) =>
      context.logger.error({ err: reason }, 'process.unhandled_rejection');
    process.on('unhandledRejection', unhandled);
    const bot = await startSlackBot(slack, {
      ask: runtime.ask,
      conversations: new PgConversationStore(runtime.store.database),
      checkHealth: () => runtime.store.database.query('SELECT 1'),
      logger: context.logger.child({ component: 'slack' }),
    });
    const connection =
      bot.mode === 'socket'
        ? 'Socket Mode'
        : `HTTP: Slack sends requests to http://<this host>:${bot.port ?? slack.port}/slack/events`;
    context.print(
      `Knowhow is answering in Slack (${connection}). Health check: http://localhost:${bot.port ?? slack.port}/healthz. Ctrl-C stops it.`,
    );
    if (!stop.aborted) await once(stop, 'abort');
    await bot.stop();
    process.off('unhandledRejection', unhandled);
    context.print('Stopped.');
    return 0;
  });
}
