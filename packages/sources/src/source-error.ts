import { isKnowhowError, KnowhowError } from '@knowhow/rag-core';

/**
 * Why a source or one of its items failed; the KnowhowError code is `source_<failure>`.
 * `message` is for people: it names the service, the status and the fix, never a secret.
 */
export type SourceFailure =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'unavailable'
  | 'unreachable'
  | 'timeout'
  | 'bad_response'
  | 'unsupported';

/** A source's failure as Knowhow's one error class; the HTTP status, if any, is its detail. */
export function sourceError(
  failure: SourceFailure,
  message: string,
  options: { cause?: unknown; status?: number } = {},
): KnowhowError {
  return new KnowhowError(`source_${failure}`, message, {
    ...(options.cause === undefined ? {} : { cause: options.cause }),
    ...(options.status === undefined ? {} : { detail: String(options.status) }),
  });
}

/** A source failure, of the given kind when one is named. */
export function isSourceError(error: unknown, failure?: SourceFailure): error is KnowhowError {
  if (!isKnowhowError(error) || !error.code.startsWith('source_')) return false;
  return failure === undefined || error.code === `source_${failure}`;
}

/** The HTTP status the service answered with, when it answered. */
export function statusOf(error: KnowhowError): number | undefined {
  return error.detail !== undefined && /^\d{3}$/.test(error.detail)
    ? Number(error.detail)
    : undefined;
}
