import { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { isSourceError, type SourceFailure, sourceError } from '../source-error.js';

/** What to tell the user to do, per kind of failure: `check email and token in knowhow.yaml`. */
export type FailureHints = Partial<Record<SourceFailure, string>>;

const statusCodes: Readonly<Record<number, SourceFailure>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  410: 'not_found',
  429: 'rate_limited',
};

/**
 * A failed request as one sentence: the service, what it said (status and its own error
 * text, shortened), the path (never the query, never headers), and the fix.
 */
export async function toSourceError(
  error: unknown,
  service: string,
  hints: FailureHints,
): Promise<unknown> {
  if (isSourceError(error)) return error;
  if ((error as { name?: string }).name === 'AbortError') return error;
  const finish = (code: SourceFailure, message: string, status?: number) => {
    const hint = hints[code];
    // No cause: the message says it all (and error descriptions would repeat the cause's).
    return sourceError(code, hint ? `${message}. ${hint}` : message, {
      ...(status === undefined ? {} : { status }),
    });
  };
  if (isHTTPError(error)) {
    const { status, statusText } = error.response;
    const code = statusCodes[status] ?? (status >= 500 ? 'unavailable' : 'bad_response');
    const detail = serviceMessage(error.data);
    const path = new URL(error.request.url).pathname;
    const said = `${status}${statusText ? ` ${statusText}` : ''}${detail ? `: ${detail}` : ''}`;
    return finish(code, `${service} answered ${said} (${error.request.method} ${path})`, status);
  }
  if (isTimeoutError(error)) {
    return finish(
      'timeout',
      `${service} did not answer in time (${new URL(error.request.url).host})`,
    );
  }
  if (isNetworkError(error)) {
    const cause = networkReason(error);
    return finish(
      'unreachable',
      `cannot reach ${service} at ${new URL(error.request.url).origin} (${cause})`,
    );
  }
  if (error instanceof Error) return finish('bad_response', error.message);
  return error;
}

/** The service's own error text, from the common JSON shapes, at most 200 characters. */
function serviceMessage(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const body = data as Record<string, unknown>;
  const candidates = [
    (body.error as { message?: unknown } | undefined)?.message,
    body.error_description,
    body.message,
    (body.errors as { title?: unknown }[] | undefined)?.[0]?.title,
    typeof body.error === 'string' ? body.error : undefined,
  ];
  const found = candidates.find((value) => typeof value === 'string' && value.trim());
  return typeof found === 'string' ? found.trim().slice(0, 200) : '';
}

/** The system's reason for a failed connection, from the innermost cause that has one. */
function networkReason(error: Error): string {
  let code: string | undefined;
  let message = 'network error';
  // Duck-typed: under test runners the errors of fetch come from another realm.
  for (
    let current = error.cause as { code?: string; message?: string; cause?: unknown } | undefined;
    typeof current === 'object' && current !== null;
    current = current.cause as typeof current
  ) {
    code ??= current.code;
    message = current.message ?? message;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `TLS certificate problem: ${code}`;
    default:
      return code ?? message;
  }
}
