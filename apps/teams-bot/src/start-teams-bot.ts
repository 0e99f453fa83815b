import { createBotHost, createChatCore, databaseHealth } from '@knowhow/bot-host';
import { KnowhowError } from '@knowhow/rag-core';
import { createBotFrameworkEndpoint } from './bot-framework.js';
import type { TeamsBotConfig } from './env.js';
import { handleTurn, reportTurnError } from './handle-turn.js';
import { classifyTeams } from './teams-failures.js';
import { messagesRoute } from './teams-server.js';
import type { TeamsBotDependencies, TeamsServices } from './teams-services.js';

export interface TeamsBot {
  /** The HTTP port listened on: `POST /api/messages`, `GET /healthz` and `GET /metrics`. */
  readonly port: number;
  /** Stops receiving, lets answers in progress finish (up to `graceMs`), then stops. */
  stop(graceMs?: number): Promise<void>;
}

// Redelivered activities come within minutes; a day of ids is ample. A follow-up a week
// later is a new question: older turns are deleted.
const eventMemoryMs = 24 * 60 * 60 * 1000;
const turnMemoryMs = 7 * 24 * 60 * 60 * 1000;
const cleanupIntervalMs = 60 * 60 * 1000;

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
  const anonymous = config.auth.mode === 'anonymous';
  // Without authentication, only this machine may reach it (the Bot Framework Emulator).
  const host =
    dependencies.host ??
    createBotHost({ port: config.port, ...(anonymous ? { host: '127.0.0.1' } : {}) });
  const services: TeamsServices = {
    ...dependencies,
    config,
    ...createChatCore({
      platform: 'teams',
      host,
      dependencies,
      rateLimitPerMinute: config.rateLimitPerMinute,
      classify: classifyTeams,
      storedTurns: config.historyTurns,
    }),
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
  if (anonymous) {
    logger.warn(
      {},
      'teams.anonymous: requests are not authenticated (TEAMS_ALLOW_ANONYMOUS=true); listening on this machine only, for local testing',
    );
  } else if (config.allowedTenants.length === 0) {
    logger.warn(
      {},
      'teams.any_tenant: any Microsoft tenant can use this bot; set TEAMS_ALLOWED_TENANTS',
    );
  }
  let stopping = false;
  host.addHealthCheck('database', databaseHealth(dependencies.checkHealth));
  host.route(
    'POST',
    '/api/messages',
    messagesRoute({
      // Every request is tracked, from reading it to its answer, for a graceful stop.
      endpoint: {
        process: (request, reply) => services.inFlight.track(endpoint.process(request, reply)),
      },
      accepting: () => !stopping,
      onError: (error) => logger.error({ err: error }, 'teams.request_failed'),
    }),
  );
  let port: number;
  try {
    port = await host.listen();
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
  logger.info({ port, auth: config.auth.mode }, 'teams.started');

  const cleanup = setInterval(() => {
    const now = Date.now();
    Promise.all([
      dependencies.conversations.forgetEventsBefore(new Date(now - eventMemoryMs)),
      dependencies.conversations.forgetTurnsBefore(new Date(now - turnMemoryMs)),
    ]).then(
      ([events, turns]) => logger.debug({ events, turns }, 'teams.forgotten'),
      (error: unknown) => logger.warn({ err: error }, 'teams.cleanup_failed'),
    );
  }, cleanupIntervalMs);
  cleanup.unref();

  return {
    port,
    async stop(graceMs = 20_000) {
      clearInterval(cleanup);
      // New activities get 503 (Bot Framework retries them elsewhere); those being handled,
      // and the answers they started, get the grace period.
      stopping = true;
      logger.info({ inFlight: services.inFlight.size }, 'teams.stopping');
      const abandoned = await services.inFlight.drain(graceMs);
      if (!dependencies.host) await host.close();
      logger.info({ abandoned }, 'teams.stopped');
    },
  };
}
