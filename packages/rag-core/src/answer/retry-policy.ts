interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly response?: { readonly status?: unknown };
  readonly cause?: unknown;
}

const retried = new Set([408, 409, 429]);

// Nothing listens at the address, or the name does not resolve: trying again a second later
// only delays the excerpts the user gets instead (the next question tries again).
const unreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

// An unreachable-address code in the cause chain: openai wraps fetch's error, fetch the socket's.
// fetch refuses the ports the Fetch standard blocks (9, 6000, …) itself, with "bad port" and
// no code: no retry can succeed there either.
function networkCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    const { code, message, cause: next } = cause as ErrorLike;
    if (typeof code === 'string' && unreachable.has(code)) return code;
    if (message === 'bad port') return 'bad port';
    cause = next;
  }
  return undefined;
}

/**
 * Which failed model calls to try again (langchain's `onFailedAttempt`: throwing stops,
 * returning retries with exponential backoff). Unlike langchain's default it retries a 429
 * without Retry-After, which is what local servers such as Ollama and vLLM send; it stops on
 * other client errors, an exhausted quota, aborts, and an address nobody answers at. The
 * asker's deadline bounds it all.
 */
export function retryPolicy(error: unknown): void {
  const failure = (error ?? {}) as ErrorLike;
  const text = `${String(failure.name)} ${String(failure.message)}`;
  if (/AbortError|aborted|^Cancel/i.test(text)) throw error;
  if (networkCode(error)) throw error;
  if (
    failure.code === 'insufficient_quota' ||
    /insufficient_quota|exceeded your current quota/i.test(text)
  )
    throw error;
  const status = typeof failure.status === 'number' ? failure.status : failure.response?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && !retried.has(status))
    throw error;
}
