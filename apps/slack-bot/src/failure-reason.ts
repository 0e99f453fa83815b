import { isDatabaseFailure } from '@knowhow/rag-core';

/**
 * A short reason for the user and the logs: `database_unavailable`, Slack's own error code
 * (`slack_not_in_channel`, `slack_rate_limited`, `slack_unreachable`, …) or `internal_error`.
 */
export function failureReason(error: unknown): string {
  if (isDatabaseFailure(error)) return 'database_unavailable';
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
