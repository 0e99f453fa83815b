import { KnowhowError, platformVocabulary } from '@knowhow/rag-core';

const unreachable = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'REQUEST_SEND_ERROR',
]);

/** Seconds from a Retry-After header: a number of seconds (Bot Connector's form) or a date. */
function retryAfterOf(error: { response?: { headers?: { get?: (name: string) => unknown } } }) {
  const header = error.response?.headers?.get?.('retry-after');
  if (typeof header !== 'string') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * The Bot Connector client's errors as KnowhowErrors: a 429 (rate limited, with how long to
 * wait), other refused replies by their HTTP status, and the connector being unreachable.
 */
export function classifyTeams(error: unknown): KnowhowError | undefined {
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (statusCode === 429) {
    const retryAfterSeconds = retryAfterOf(error as Parameters<typeof retryAfterOf>[0]);
    return new KnowhowError('platform_rate_limited', 'the Bot Connector rate-limited the reply', {
      cause: error,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  }
  if (typeof statusCode === 'number') {
    // A 5xx passes (retried); anything else is the connector refusing the reply.
    return new KnowhowError(
      statusCode >= 500 ? 'platform_unreachable' : 'platform_refused',
      `the Bot Connector answered HTTP ${statusCode}`,
      {
        cause: error,
        detail: `http_${statusCode}`,
      },
    );
  }
  if (typeof code === 'string' && unreachable.has(code)) {
    return new KnowhowError('platform_unreachable', 'the Bot Connector could not be reached', {
      cause: error,
    });
  }
  return undefined;
}

/** Teams's share of the error vocabulary, decided here once: every Teams surface uses it. */
export const teamsVocabulary = platformVocabulary('teams', classifyTeams);
