import type { AddressInfo } from 'node:net';
import { InFlight, KnowhowError, RateLimiter } from '@knowhow/rag-core';
import { createBotFrameworkEndpoint } from './bot-framework.js';
import type { TeamsBotConfig } from './env.js';
import { handleTurn, reportTurnError } from './handle-turn.js';
import { startTeamsServer } from './teams-server.js';
import type { TeamsBotDependencies, TeamsServices } from './teams-services.js';

export interface TeamsBot {
  /** The HTTP port listened on: `POST /api/messages` and `GET /healthz`. */
  readonly port: number;
  /** Stops receiving, lets answers in progress finish (up to `graceMs`), then stops. */
  stop(graceMs?: number): Promise<void>;
}

// Redelivered activities come within minutes; a day of ids is ample.
const eventMemoryMs = 24 * 60 * 60 * 1000;
const eventCleanupIntervalMs = 60 * 60 * 1000;

/**
 * Starts the Teams bot's HTTP server. With an app id, every request must carry a valid Bot
 * Framework token; without one (TEAMS_ALLOW_ANONYMOUS=true) nothing is checked, which is for
 * local testing only and logged as a warning.
 */
export async function startTeamsBot(
  config: TeamsBotConfig,
  dependencies: TeamsBotDependencies,
): Promise<TeamsBot> {
  const { logger } = dependencies;
  const services: TeamsServices = {
    ...dependencies,
    config,
    limiter: new RateLimiter(config.rateLimitPerMinute),
    inFlight: new InFlight(),
  };
  const endpoint = createBotFrameworkEndpoint({
    auth: config.auth,
    onTurn: (turn) => handleTurn(turn, services),
    onTurnError: (turn, error) => reportTurnError(turn, error, services),
    onRejected: (status, error) =>
      status === 401
        ? logger.warn({ status, reason: (error as Error).message }, 'teams.unauthorized_request')
        : logger.error({ status, err: error }, 'teams.token_check_unavailable'),
  });
  if (config.auth.mode === 'anonymous') {
    logger.warn(
      {},
      'teams.anonymous: requests are not authenticated (TEAMS_ALLOW_ANONYMOUS=true); for local testing only',
    );
  }
  let server;
  try {
    server = await startTeamsServer(config.port, endpoint, dependencies.checkHealth, (error) =>
      logger.error({ err: error }, 'teams.request_failed'),
    );
  } catch (error) {
    const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
    throw new KnowhowError(
      'chat_platform_failed',
      inUse
        ? `port ${config.port} is already in use: set TEAMS_PORT (or PORT) to a free port`
        : `the Teams bot could not start: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, auth: config.auth.mode }, 'teams.started');

  const cleanup = setInterval(() => {
    dependencies.conversations.forgetEventsBefore(new Date(Date.now() - eventMemoryMs)).then(
      (forgotten) => logger.debug({ forgotten }, 'teams.events_forgotten'),
      (error: unknown) => logger.warn({ err: error }, 'teams.events_cleanup_failed'),
    );
  }, eventCleanupIntervalMs);
  cleanup.unref();

  return {
    port,
    async stop(graceMs = 20_000) {
      clearInterval(cleanup);
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      logger.info({ inFlight: services.inFlight.size }, 'teams.stopping');
      const abandoned = await services.inFlight.drain(graceMs);
      server.closeAllConnections();
      await closed;
      logger.info({ abandoned }, 'teams.stopped');
    },
  };
}
