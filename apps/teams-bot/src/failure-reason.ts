import { isDatabaseFailure } from '@knowhow/rag-core';

/**
 * A short reason for the user and the logs: `database_unavailable`, `teams_http_<status>` when
 * the Bot Connector refused a reply, `teams_unreachable`, or `internal_error`.
 */
export function failureReason(error: unknown): string {
  if (isDatabaseFailure(error)) return 'database_unavailable';
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === 'number') return `teams_http_${statusCode}`;
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'ETIMEDOUT' ||
    code === 'REQUEST_SEND_ERROR'
  ) {
    return 'teams_unreachable';
  }
  return 'internal_error';
}
