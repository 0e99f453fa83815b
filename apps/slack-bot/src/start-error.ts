import { describeError, KnowhowError } from '@knowhow/rag-core';
import type { SlackBotConfig } from './env.js';

const refusedTokens = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked']);

/** Why the bot could not connect, in words an operator can act on (else the host's words). */
export function startError(error: unknown, config: SlackBotConfig): KnowhowError | undefined {
  const { code, data } = (error ?? {}) as { code?: unknown; data?: { error?: unknown } };
  const slackError = typeof data?.error === 'string' ? data.error : undefined;
  const tokens =
    config.connection.mode === 'socket' ? 'SLACK_BOT_TOKEN and SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
  let message: string;
  if (slackError && refusedTokens.has(slackError)) {
    message = `Slack refused the token (${slackError}): check ${tokens}, and that the app is installed in the workspace`;
  } else if (code === 'slack_webapi_request_error') {
    message = `cannot reach Slack at ${config.apiUrl} (SLACK_API_URL): ${describeError(error)}`;
  } else if (slackError) {
    message = `Slack refused to connect the bot (${slackError})`;
  } else {
    return undefined;
  }
  return new KnowhowError('chat_platform_failed', message, { cause: error });
}
