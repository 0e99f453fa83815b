import { type ChatBotDependencies, createChatBot, type RunningChatBot } from '@knowhow/bot-host';
import { ProgressBudget } from '@knowhow/rag-core';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import { boltLogger } from './bolt-logger.js';
import type { BotServices } from './bot-services.js';
import type { SlackBotConfig } from './env.js';
import { registerAnswerActions } from './listeners/answer-actions.js';
import { registerAssistantListeners } from './listeners/assistant-listeners.js';
import { registerKbCommand } from './listeners/kb-command.js';
import { registerQuestionListeners } from './listeners/question-listeners.js';
import { slackVocabulary } from './slack-failures.js';
import { guardSlackRequests } from './slack-request-guard.js';
import { startError } from './start-error.js';

export interface SlackBot extends RunningChatBot {
  readonly mode: SlackBotConfig['connection']['mode'];
}

/**
 * Connects to Slack (Socket Mode or HTTP), checks the bot token (`auth.test`) and starts
 * answering. Its routes go on the process's HTTP host (its own one on `config.port` when
 * none is given). Rejects with a KnowhowError saying what to fix when Slack refuses the
 * tokens, cannot be reached, or the port is taken.
 */
export async function startSlackBot(
  config: SlackBotConfig,
  dependencies: ChatBotDependencies,
): Promise<SlackBot> {
  const logger = boltLogger(dependencies.logger);
  const bot = createChatBot(dependencies, {
    platform: 'slack',
    vocabulary: slackVocabulary,
    config,
    portVariable: 'SLACK_PORT',
  });
  // Retried by our own time budget (services.retry), which honours Retry-After and reports a
  // rate limit as one; the client's count of retries would throw answers away.
  const clientOptions = {
    slackApiUrl: config.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  };
  const services: BotServices = {
    ...bot,
    progress: {
      client: new webApi.WebClient(config.botToken, { ...clientOptions, logger, timeout: 10_000 }),
      // Slack allows about 50 chat.update calls a minute per workspace; final answers need some.
      budget: new ProgressBudget(30),
    },
  };
  let connected = config.connection.mode === 'http';
  let stopping = false;
  bot.host.addHealthCheck('slack', async () => (connected ? undefined : 'slack_disconnected'));
  const receiver = createReceiver(config, logger);
  const socket = receiver instanceof SocketModeReceiver ? receiver : undefined;
  socket?.client.on('connected', () => {
    connected = true;
    bot.log.info({ type: 'slack.connected' });
  });
  socket?.client.on('disconnected', () => {
    connected = false;
    bot.log[stopping ? 'info' : 'warn']({ type: 'slack.disconnected' });
  });
  socket?.client.on('reconnecting', () => {
    connected = false;
    bot.log.warn({ type: 'slack.reconnecting' });
  });
  // Slack retries what is refused while stopping, and another process may take it.
  if (receiver instanceof HTTPReceiver) {
    bot.receive('/slack/events', guardSlackRequests(receiver.requestListener));
  }
  const app = new App({
    token: config.botToken,
    receiver,
    clientOptions: { ...clientOptions, timeout: 15_000 },
    logger,
    deferInitialization: true,
  });
  // Every listener run is tracked, from the moment Bolt hands it over, for a graceful stop.
  app.use(async ({ next }) => {
    await services.inFlight.track(next());
  });
  registerQuestionListeners(app, services);
  registerKbCommand(app, services);
  registerAnswerActions(app, services);
  registerAssistantListeners(app, services);
  app.error(async (error) => {
    bot.log.error({ type: 'slack.unhandled_error' }, error);
  });

  const running = await bot.start({
    connect: () => app.init(),
    connected: async () => socket?.start(),
    disconnect: async () => {
      stopping = true;
      await socket?.stop();
    },
    explain: (error) => startError(error, config),
    fields: { mode: config.connection.mode },
  });
  return { mode: config.connection.mode, ...running };
}

function createReceiver(
  config: SlackBotConfig,
  logger: ReturnType<typeof boltLogger>,
): HTTPReceiver | SocketModeReceiver {
  if (config.connection.mode === 'http') {
    // Never started: the process's host serves its request listener.
    return new HTTPReceiver({ signingSecret: config.connection.signingSecret, logger });
  }
  // Its own client options, without the short retry policy: reconnecting keeps trying.
  return new SocketModeReceiver({
    appToken: config.connection.appToken,
    logger,
    installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
  });
}
