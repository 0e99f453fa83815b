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
 * an HTTP status, a connection error, a timeout, or the caller stopping it. What the error
 * says comes first: a refused connection stays "unavailable" even if the deadline passed while
 * retrying it.
 */
export function classifyModelFailure(
  error: unknown,
  stopped: { readonly timedOut: boolean; readonly cancelled: boolean },
): FailureReason {
  for (let current = error as ErrorLike | undefined, depth = 0; current && depth < 4; depth += 1) {
    const status = typeof current.status === 'number' ? current.status : undefined;
    const text = `${String(current.name)} ${String(current.code)} ${String(current.message)}`;
    if (status === 429 || /rate.?limit|insufficient_quota/i.test(text)) return 'llm_rate_limited';
    if (status === 401 || status === 403 || /invalid_api_key|Incorrect API key/i.test(text))
      return 'llm_unauthorized';
    if (
      (status !== undefined && status >= 500) ||
      /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|Connection error|fetch failed/i.test(text)
    ) {
      return 'llm_unavailable';
    }
    current = current.cause as ErrorLike | undefined;
  }
  if (stopped.cancelled) return 'cancelled';
  const { name, message } = (error ?? {}) as ErrorLike;
  if (
    stopped.timedOut ||
    /timeout|timed out|AbortError|aborted/i.test(`${String(name)} ${String(message)}`)
  )
    return 'llm_timeout';
  return 'llm_failed';
}
