import type { FailureReason } from './answer.js';

interface ErrorLike {
  readonly name?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
}

/**
 * Why a language-model call failed, from what the OpenAI client (through langchain) throws:
 * an HTTP status, a timeout or abort, or a connection error.
 */
export function classifyModelFailure(error: unknown, timedOut: boolean): FailureReason {
  if (timedOut) return 'llm_timeout';
  for (let current = error as ErrorLike | undefined, depth = 0; current && depth < 4; depth += 1) {
    const status = typeof current.status === 'number' ? current.status : undefined;
    const text = `${String(current.name)} ${String(current.code)} ${String(current.message)}`;
    if (status === 429 || /rate.?limit|insufficient_quota/i.test(text)) return 'llm_rate_limited';
    if (status === 401 || status === 403 || /invalid_api_key|Incorrect API key/i.test(text))
      return 'llm_unauthorized';
    if (/timeout|timed out|AbortError/i.test(text)) return 'llm_timeout';
    if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|Connection error|fetch failed/i.test(text))
      return 'llm_unavailable';
    current = current.cause as ErrorLike | undefined;
  }
  return 'llm_failed';
}
