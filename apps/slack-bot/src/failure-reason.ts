import { randomUUID } from 'node:crypto';

/** A failure of the bots' database, told apart from Slack's failures for the user. */
class DatabaseFailure extends Error {
  override readonly name = 'DatabaseFailure';
}

/** Marks a failure of this database call as the database's. */
export function fromDatabase<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw new DatabaseFailure('the database call failed', { cause: error });
  });
}

/**
 * A short reason for the user and the logs: `database_unavailable`, Slack's own error code
 * (`slack_not_in_channel`, `slack_rate_limited`, `slack_unreachable`, …) or `internal_error`.
 */
export function failureReason(error: unknown): string {
  if (error instanceof DatabaseFailure) return 'database_unavailable';
  const { code, data } = (error ?? {}) as { code?: unknown; data?: { error?: unknown } };
  switch (code) {
    case 'slack_webapi_platform_error':
      return typeof data?.error === 'string' ? `slack_${data.error}` : 'slack_error';
    case 'slack_webapi_rate_limited_error':
      return 'slack_rate_limited';
    case 'slack_webapi_request_error':
      return 'slack_unreachable';
    case 'slack_webapi_http_error':
      return 'slack_http_error';
    case 'slack_bolt_respond_error':
      return 'slack_response_url_failed';
    default:
      return 'internal_error';
  }
}

/** A reference the user can quote and an operator can find in the logs. */
export function newReference(): string {
  return randomUUID().slice(0, 8);
}
