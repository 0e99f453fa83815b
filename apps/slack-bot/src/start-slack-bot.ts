import type { AddressInfo } from 'node:net';
import { App, type AppOptions } from '@slack/bolt';
import { boltLogger } from './bolt-logger.js';
import type { BotServices, SlackBotDependencies } from './bot-services.js';
import type { SlackBotConfig } from './env.js';
import { healthRoute } from './health-route.js';
import { InFlight } from './in-flight.js';
import { registerAnswerActions } from './listeners/answer-actions.js';
import { registerKbCommand } from './listeners/kb-command.js';
import { registerQuestionListeners } from './listeners/question-listeners.js';
import { RateLimiter } from './rate-limiter.js';
import { startError } from './start-error.js';

export interface SlackBot {
  readonly mode: SlackBotConfig['connection']['mode'];
  /** The HTTP port listened on (HTTP mode). */
  readonly port: number | undefined;
  /** Stops receiving, lets answers in progress finish (up to `graceMs`), then stops. */
  stop(graceMs?: number): Promise<void>;
}

// Slack retries an event for about an hour; a day of event ids is ample.
const eventMemoryMs = 24 * 60 * 60 * 1000;
const eventCleanupIntervalMs = 60 * 60 * 1000;

/**
 * Connects to Slack (Socket Mode or HTTP), checks the bot token (`auth.test`) and starts
 * answering. Rejects with Slack's error when the token or connection is refused.
 */
export async function startSlackBot(
  config: SlackBotConfig,
  dependencies: SlackBotDependencies,
): Promise<SlackBot> {
  const services: BotServices = {
    ...dependencies,
    config,
    limiter: new RateLimiter(config.rateLimitPerMinute),
    inFlight: new InFlight(),
  };
  const { logger } = dependencies;
  const connection: Partial<AppOptions> =
    config.connection.mode === 'socket'
      ? {
          socketMode: true,
          appToken: config.connection.appToken,
          installerOptions: { port: config.port },
        }
      : { signingSecret: config.connection.signingSecret };
  const app = new App({
    token: config.botToken,
    ...connection,
    customRoutes: [healthRoute(dependencies.checkHealth)],
    clientOptions: {
      slackApiUrl: config.apiUrl,
      timeout: 15_000,
      // Bolt's default retries for half an hour; an answer is useless by then.
      retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    },
    logger: boltLogger(logger),
    deferInitialization: true,
  });
  registerQuestionListeners(app, services);
  registerKbCommand(app, services);
  registerAnswerActions(app, services);
  app.error(async (error) => {
    logger.error({ err: error }, 'slack.unhandled_error');
  });

  let started: Awaited<ReturnType<App['start']>>;
  try {
    await app.init();
    started = await app.start(config.port);
  } catch (error) {
    throw startError(error, config);
  }
  const port =
    config.connection.mode === 'http' ? (started.address() as AddressInfo | null)?.port : undefined;
  logger.info({ mode: config.connection.mode, port }, 'slack.started');

  const cleanup = setInterval(() => {
    dependencies.conversations.forgetEventsBefore(new Date(Date.now() - eventMemoryMs)).then(
      (forgotten) => logger.debug({ forgotten }, 'slack.events_forgotten'),
      (error: unknown) => logger.warn({ err: error }, 'slack.events_cleanup_failed'),
    );
  }, eventCleanupIntervalMs);
  cleanup.unref();

  return {
    mode: config.connection.mode,
    port,
    async stop(graceMs = 20_000) {
      clearInterval(cleanup);
      await app.stop();
      logger.info({ inFlight: services.inFlight.size }, 'slack.stopping');
      await services.inFlight.drain(graceMs);
      logger.info({}, 'slack.stopped');
    },
  };
}
