import { createBotHost, createChatCore, databaseHealth } from '@knowhow/bot-host';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import { boltLogger } from './bolt-logger.js';
import type { BotServices, SlackBotDependencies } from './bot-services.js';
import type { SlackBotConfig } from './env.js';
import { registerAnswerActions } from './listeners/answer-actions.js';
import { registerAssistantListeners } from './listeners/assistant-listeners.js';
import { registerKbCommand } from './listeners/kb-command.js';
import { registerQuestionListeners } from './listeners/question-listeners.js';
import { ProgressBudget } from './progress-budget.js';
import { classifySlack } from './slack-failures.js';
import { guardSlackRequests } from './slack-request-guard.js';
import { startError } from './start-error.js';

export interface SlackBot {
  readonly mode: SlackBotConfig['connection']['mode'];
  /** The HTTP port listened on: Slack's requests (HTTP mode), /healthz and /metrics. */
  readonly port: number | undefined;
  /** Stops receiving, lets work in progress finish (up to `graceMs`), then stops. */
  stop(graceMs?: number): Promise<void>;
}

// Slack retries an event for about an hour; a day of message ids is ample.
const eventMemoryMs = 24 * 60 * 60 * 1000;
const eventCleanupIntervalMs = 60 * 60 * 1000;

/**
 * Connects to Slack (Socket Mode or HTTP), checks the bot token (`auth.test`) and starts
 * answering. Its routes go on the process's HTTP host (its own one on `config.port` when
 * none is given). Rejects with a KnowhowError saying what to fix when Slack refuses the
 * tokens, cannot be reached, or the port is taken.
 */
export async function startSlackBot(
  config: SlackBotConfig,
  dependencies: SlackBotDependencies,
): Promise<SlackBot> {
  const { logger } = dependencies;
  const host = dependencies.host ?? createBotHost({ port: config.port });
  const log = boltLogger(logger);
  const services: BotServices = {
    ...dependencies,
    config,
    ...createChatCore({
      platform: 'slack',
      host,
      dependencies,
      rateLimitPerMinute: config.rateLimitPerMinute,
      classify: classifySlack,
    }),
    progress: {
      client: new webApi.WebClient(config.botToken, {
        slackApiUrl: config.apiUrl,
        logger: log,
        timeout: 10_000,
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
      }),
      budget: new ProgressBudget(),
    },
  };
  let connected = config.connection.mode === 'http';
  let stopping = false;
  host.addHealthCheck('database', databaseHealth(dependencies.checkHealth));
  host.addHealthCheck('slack', async () => (connected ? undefined : 'slack_disconnected'));
  const receiver = createReceiver(config, log);
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => {
      connected = true;
      logger.info({}, 'slack.connected');
    });
    receiver.client.on('disconnected', () => {
      connected = false;
      if (stopping) logger.info({}, 'slack.disconnected');
      else logger.warn({}, 'slack.disconnected');
    });
    receiver.client.on('reconnecting', () => {
      connected = false;
      logger.warn({}, 'slack.reconnecting');
    });
  } else {
    const events = guardSlackRequests(receiver.requestListener);
    host.route('POST', '/slack/events', (request, response) => {
      // Slack retries what is refused while stopping, and another process may take it.
      if (stopping) response.writeHead(503).end();
      else events(request, response);
    });
  }
  const app = new App({
    token: config.botToken,
    receiver,
    clientOptions: {
      slackApiUrl: config.apiUrl,
      timeout: 15_000,
      // Retried by our own time budget (services.retry), which honours Retry-After and
      // reports a rate limit as one; the client's count of retries would throw answers away.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    },
    logger: log,
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
    logger.error({ err: error }, 'slack.unhandled_error');
  });

  try {
    await app.init();
    if (!dependencies.host) await host.listen();
    if (receiver instanceof SocketModeReceiver) await receiver.start();
  } catch (error) {
    if (!dependencies.host) await host.close();
    throw startError(error, config);
  }
  logger.info({ mode: config.connection.mode, port: host.port }, 'slack.started');

  const cleanup = setInterval(() => {
    dependencies.conversations.forgetEventsBefore(new Date(Date.now() - eventMemoryMs)).then(
      (forgotten) => logger.debug({ forgotten }, 'slack.events_forgotten'),
      (error: unknown) => logger.warn({ err: error }, 'slack.events_cleanup_failed'),
    );
  }, eventCleanupIntervalMs);
  cleanup.unref();

  return {
    mode: config.connection.mode,
    port: host.port,
    async stop(graceMs = 20_000) {
      clearInterval(cleanup);
      stopping = true;
      if (receiver instanceof SocketModeReceiver) await receiver.stop();
      logger.info({ inFlight: services.inFlight.size }, 'slack.stopping');
      const abandoned = await services.inFlight.drain(graceMs);
      if (!dependencies.host) await host.close();
      logger.info({ abandoned }, 'slack.stopped');
    },
  };
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
