import { type ChatBotDependencies, createChatBot, type RunningChatBot } from '@knowhow/bot-host';
import { createBotFrameworkEndpoint } from './bot-framework.js';
import type { TeamsBotConfig } from './env.js';
import { handleTurn, reportTurnError } from './handle-turn.js';
import { teamsVocabulary } from './teams-failures.js';
import { messagesRoute } from './teams-server.js';
import type { TeamsServices } from './teams-services.js';

export interface TeamsBot extends RunningChatBot {
  /** `POST /api/messages`, `GET /healthz` and `GET /metrics`. */
  readonly port: number;
}

/**
 * Starts the Teams bot's HTTP server. With an app id, every request must carry a valid Bot
 * Framework token; without one (TEAMS_ALLOW_ANONYMOUS=true) nothing is checked, which is for
 * local testing only and logged as a warning.
 */
export async function startTeamsBot(
  config: TeamsBotConfig,
  dependencies: ChatBotDependencies,
): Promise<TeamsBot> {
  const { logger } = dependencies;
  const anonymous = config.auth.mode === 'anonymous';
  const bot = createChatBot(dependencies, {
    platform: 'teams',
    vocabulary: teamsVocabulary,
    rateLimitPerMinute: config.rateLimitPerMinute,
    port: config.port,
    // Without authentication, only this machine may reach it (the Bot Framework Emulator).
    ...(anonymous ? { listenOn: '127.0.0.1' } : {}),
    portVariable: 'TEAMS_PORT',
    storedTurns: config.historyTurns,
  });
  const services: TeamsServices = { ...bot, config };
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
  // New activities get 503 while stopping (Bot Framework retries them elsewhere); those being
  // handled, and the answers they started, get the grace period.
  bot.receive(
    '/api/messages',
    messagesRoute({
      // Every request is tracked, from reading it to its answer, for a graceful stop.
      endpoint: {
        process: (request, reply) => bot.inFlight.track(endpoint.process(request, reply)),
      },
      onError: (error) => logger.error({ err: error }, 'teams.request_failed'),
    }),
  );
  const running = await bot.start({ fields: { auth: config.auth.mode } });
  return { ...running, port: running.port ?? config.port };
}
