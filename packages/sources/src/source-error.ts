/**
 * Why a source or one of its items failed. `message` is for people: it names the service,
 * the status and the fix, never a secret.
 */
export type SourceErrorCode =
  | 'invalid_settings'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'unavailable'
  | 'unreachable'
  | 'timeout'
  | 'bad_response'
  | 'unsupported';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly code: SourceErrorCode;
  /** The HTTP status, when the service answered. */
  readonly status: number | undefined;

  constructor(
    code: SourceErrorCode,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}
