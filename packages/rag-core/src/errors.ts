/**
 * Why something failed, in a form callers can branch on: one vocabulary for the whole of
 * Knowhow. Each adapter (store, model, chat platform) tags its own failures with a code;
 * user-facing wording is chosen once at each edge (CLI, Slack, Teams) from the code, and
 * `message` is for operators and names the offending value.
 */
export type KnowhowErrorCode =
  // Ingesting a file
  | 'file_missing'
  | 'file_unreadable'
  | 'file_too_large'
  | 'file_empty'
  | 'file_binary'
  | 'parse_failed'
  | 'no_text'
  // Embeddings
  | 'embeddings_unavailable'
  | 'embeddings_not_built'
  | 'embeddings_failed'
  // Answering (also an Answer's `reason`)
  | 'invalid_question'
  | 'cancelled'
  | 'llm_timeout'
  | 'llm_rate_limited'
  | 'llm_unauthorized'
  | 'llm_unavailable'
  | 'llm_failed'
  // The database
  | 'database_unavailable'
  | 'database_locked'
  | 'migration_failed'
  // Chat platforms: starting, and calls to their APIs
  | 'chat_platform_failed'
  | 'platform_rate_limited'
  | 'platform_unreachable'
  | 'platform_refused'
  // Sources (sync): the service's answer, with the fix in the message
  | 'source_unauthorized'
  | 'source_forbidden'
  | 'source_not_found'
  | 'source_rate_limited'
  | 'source_unavailable'
  | 'source_unreachable'
  | 'source_timeout'
  | 'source_bad_response'
  | 'source_unsupported'
  // Input and configuration
  | 'invalid_input'
  | 'invalid_request'
  | 'invalid_configuration'
  | 'internal_error';

export interface KnowhowErrorOptions {
  readonly cause?: unknown;
  /** The adapter's own name for what happened (Slack's `not_in_channel`, an HTTP status). */
  readonly detail?: string;
  /** How long the other side asked us to wait (a 429's Retry-After). */
  readonly retryAfterSeconds?: number;
}

export class KnowhowError extends Error {
  override readonly name = 'KnowhowError';
  readonly code: KnowhowErrorCode;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: KnowhowErrorCode, message: string, options: KnowhowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isKnowhowError(error: unknown): error is KnowhowError {
  return error instanceof KnowhowError;
}

/**
 * Any thrown value as a KnowhowError: its own, one an adapter recognises (`classify`), or
 * `internal_error` wrapping it.
 */
export function asKnowhowError(
  error: unknown,
  classify?: (error: unknown) => KnowhowError | undefined,
): KnowhowError {
  if (error instanceof KnowhowError) return error;
  return (
    classify?.(error) ?? new KnowhowError('internal_error', describeError(error), { cause: error })
  );
}

/**
 * The message of any thrown value, for logs and reports, with its cause when the message
 * alone says too little (`fetch failed (getaddrinfo ENOTFOUND huggingface.co)`).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message} (${cause})` : error.message;
}
