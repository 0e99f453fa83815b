import { isDatabaseFailure } from '@knowhow/rag-core';

const unreachable = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'REQUEST_SEND_ERROR',
]);

/**
 * A short reason for the user and the logs: `database_unavailable`, `teams_http_<status>` when
 * the Bot Connector refused a reply, `teams_unreachable`, or `internal_error`.
 */
export function failureReason(error: unknown): string {
  if (isDatabaseFailure(error)) return 'database_unavailable';
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === 'number') return `teams_http_${statusCode}`;
  if (typeof code === 'string' && unreachable.has(code)) return 'teams_unreachable';
  return 'internal_error';
}
