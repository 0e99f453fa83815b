import { describeError, KnowhowError } from '@knowhow/rag-core';
import type { SlackBotConfig } from './env.js';

/** Why the bot could not connect, in words an operator can act on. */
export function startError(error: unknown, config: SlackBotConfig): KnowhowError {
  const { code, data } = (error ?? {}) as { code?: unknown; data?: { error?: unknown } };
  const slackError = typeof data?.error === 'string' ? data.error : undefined;
  const tokens =
    config.connection.mode === 'socket' ? 'SLACK_BOT_TOKEN and SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
  let message: string;
  if (
    slackError === 'invalid_auth' ||
    slackError === 'not_authed' ||
    slackError === 'account_inactive' ||
    slackError === 'token_revoked'
  ) {
    message = `Slack refused the token (${slackError}): check ${tokens}, and that the app is installed in the workspace`;
  } else if (code === 'slack_webapi_request_error') {
    message = `cannot reach Slack at ${config.apiUrl} (SLACK_API_URL): ${describeError(error)}`;
  } else if (code === 'EADDRINUSE') {
    message = `port ${config.port} is already in use: set PORT to a free port`;
  } else if (slackError) {
    message = `Slack refused to connect the bot (${slackError})`;
  } else {
    message = `the Slack bot could not start: ${describeError(error)}`;
  }
  return new KnowhowError('chat_platform_failed', message, { cause: error });
}
