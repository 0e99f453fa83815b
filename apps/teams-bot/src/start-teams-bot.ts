import {
  type ChatBotDependencies,
  createChatBot,
  jsonRoute,
  type RunningChatBot,
} from '@knowhow/bot-host';
import { createBotFrameworkEndpoint } from './bot-framework.js';
import type { TeamsBotConfig } from './env.js';
import { handleTurn, reportTurnError } from './handle-turn.js';
import { teamsVocabulary } from './teams-failures.js';

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
  const anonymous = config.auth.mode === 'anonymous';
  const bot = createChatBot(dependencies, {
    platform: 'teams',
    vocabulary: teamsVocabulary,
    config,
    // Without authentication, only this machine may reach it (the Bot Framework Emulator).
    ...(anonymous ? { listenOn: '127.0.0.1' } : {}),
    portVariable: 'TEAMS_PORT',
    storedTurns: config.historyTurns,
  });
  const endpoint = createBotFrameworkEndpoint({
    auth: config.auth,
    onTurn: (turn) => handleTurn(turn, bot),
    onTurnError: (turn, error) => reportTurnError(turn, error, bot),
    onRejected: (status, error) =>
      status === 401
        ? bot.log.warn({
            type: 'teams.unauthorized_request',
            status,
            problem: (error as Error).message,
          })
        : bot.log.error({ type: 'teams.token_check_unavailable', status }, error),
  });
  if (anonymous) {
    bot.log.warn({
      type: 'teams.anonymous',
      note: 'requests are not authenticated (TEAMS_ALLOW_ANONYMOUS=true); listening on this machine only, for local testing',
    });
  } else if (config.allowedTenants.length === 0) {
    bot.log.warn({
      type: 'teams.any_tenant',
      note: 'any Microsoft tenant can use this bot; set TEAMS_ALLOWED_TENANTS',
    });
  }
  // New activities get 503 while stopping (Bot Framework retries them elsewhere); those being
  // handled, and the answers they started, get the grace period.
  bot.receive(
    '/api/messages',
    jsonRoute(
      // Tracked from the parsed body (jsonRoute reads it first) to the answer, for a graceful
      // stop: a request still being read when the stop begins is not waited for.
      (request, reply) => bot.inFlight.track(endpoint(request, reply)),
      (error) => bot.log.error({ type: 'teams.request_failed' }, error),
    ),
  );
  const running = await bot.start({ fields: { auth: config.auth.mode } });
  return { ...running, port: running.port ?? config.port };
}
