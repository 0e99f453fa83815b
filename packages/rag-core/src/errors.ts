/**
 * Why something failed, in a form callers can branch on. User-facing wording is chosen at the
 * edge (CLI, Slack, Teams) from the code; `message` is for operators and names the offending value.
 */
export type KnowhowErrorCode =
  | 'file_missing'
  | 'file_unreadable'
  | 'file_too_large'
  | 'file_empty'
  | 'file_binary'
  | 'parse_failed'
  | 'no_text'
  | 'embeddings_unavailable'
  | 'embeddings_not_built'
  | 'embeddings_failed'
  | 'invalid_input'
  | 'chat_platform_failed'
  | 'database_unavailable';

export class KnowhowError extends Error {
  override readonly name = 'KnowhowError';
  readonly code: KnowhowErrorCode;

  constructor(code: KnowhowErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isKnowhowError(error: unknown): error is KnowhowError {
  return error instanceof KnowhowError;
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
