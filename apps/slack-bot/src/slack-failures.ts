import { KnowhowError, platformVocabulary } from '@knowhow/rag-core';

/**
 * The Web API client's and Bolt's errors as KnowhowErrors: Slack's 429 (rate limited, with
 * how long to wait), Slack unreachable, and Slack refusing a call (its error name as detail).
 */
export function classifySlack(error: unknown): KnowhowError | undefined {
  const { code, data, retryAfter, statusCode } = (error ?? {}) as {
    code?: unknown;
    data?: { error?: unknown };
    retryAfter?: unknown;
    statusCode?: unknown;
  };
  const options = { cause: error };
  switch (code) {
    case 'slack_webapi_rate_limited_error':
      return new KnowhowError('platform_rate_limited', 'Slack rate-limited the call', {
        ...options,
        ...(typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter } : {}),
      });
    case 'slack_webapi_platform_error': {
      const name = typeof data?.error === 'string' ? data.error : 'error';
      if (name === 'ratelimited') return classifySlack({ code: 'slack_webapi_rate_limited_error' });
      return new KnowhowError('platform_refused', `Slack refused the call (${name})`, {
        ...options,
        detail: name,
      });
    }
    case 'slack_webapi_request_error':
      return new KnowhowError('platform_unreachable', 'Slack could not be reached', options);
    case 'slack_webapi_http_error':
      // A 5xx passes; anything else is Slack refusing the request.
      return new KnowhowError(
        typeof statusCode === 'number' && statusCode >= 500
          ? 'platform_unreachable'
          : 'platform_refused',
        `Slack answered HTTP ${String(statusCode)}`,
        { ...options, detail: 'http_error' },
      );
    case 'slack_bolt_respond_error':
      return new KnowhowError('platform_refused', 'the response URL refused the reply', {
        ...options,
        detail: 'response_url_failed',
      });
    default:
      return undefined;
  }
}

/** Slack's share of the error vocabulary, decided here once: every Slack surface uses it. */
export const slackVocabulary = platformVocabulary('slack', classifySlack);
