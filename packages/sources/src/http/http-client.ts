import ky, { type KyInstance, type Options } from 'ky';
import { type FailureHints, toSourceError } from './to-source-error.js';

export interface RetryNotice {
  readonly service: string;
  /** The status that was retried, or undefined for a network error. */
  readonly status: number | undefined;
  readonly attempt: number;
}

export interface HttpClientOptions {
  /** Names the service in messages: `Confluence`, `Microsoft Graph`. */
  readonly service: string;
  readonly baseUrl: string;
  /** Headers for every request, e.g. authorization; called per attempt so tokens can renew. */
  readonly headers?: () => Promise<Record<string, string>> | Record<string, string>;
  /** The fix to print for each kind of failure. */
  readonly hints?: FailureHints;
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** The longest Retry-After honoured; a longer one waits this long and tries again. */
  readonly maxRetryAfterMs?: number;
  /** Statuses that mean "slow down" besides 429 and 503 (GitHub's secondary limit is a 403). */
  readonly rateLimitStatuses?: readonly number[];
  readonly onRetry?: (notice: RetryNotice) => void;
  readonly userAgent?: string;
}

export interface HttpClient {
  /** GET and parse JSON; failures throw KnowhowError (`source_*`) with the service, status and fix. */
  json<T>(input: string, options?: RequestOptions): Promise<T>;
  /** The raw response; `accept` lists statuses that are answers, not failures (304, 404). */
  get(input: string, options?: RequestOptions & { accept?: readonly number[] }): Promise<Response>;
  postForm<T>(input: string, form: Record<string, string>, options?: RequestOptions): Promise<T>;
  postJson<T>(input: string, body: unknown, options?: RequestOptions): Promise<T>;
}

export interface RequestOptions {
  readonly searchParams?: Record<string, string | number | boolean | undefined>;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

/**
 * One way to call every service: base URL, authorization, timeouts, and retries of 429/503
 * after their Retry-After (bounded), of other 5xx and network errors with backoff.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const rateLimits = [429, 503, ...(options.rateLimitStatuses ?? [])];
  const client: KyInstance = ky.create({
    baseUrl: options.baseUrl,
    timeout: options.timeoutMs ?? 30_000,
    retry: {
      limit: options.retries ?? 5,
      methods: ['get', 'post'],
      statusCodes: [408, 500, 502, 504, ...rateLimits],
      afterStatusCodes: rateLimits,
      maxRetryAfter: options.maxRetryAfterMs ?? 60_000,
      backoffLimit: 20_000,
      jitter: true,
      // A 403 is only a rate limit when the service says when to come back.
      shouldRetry: ({ error }) => {
        const response = (error as { response?: Response }).response;
        if (response?.status === 403 && !response.headers.has('retry-after')) return false;
        return undefined;
      },
    },
    headers: options.userAgent ? { 'user-agent': options.userAgent } : {},
    hooks: {
      beforeRequest: [
        async ({ request }) => {
          for (const [name, value] of Object.entries((await options.headers?.()) ?? {}))
            request.headers.set(name, value);
        },
      ],
      beforeRetry: [
        async ({ request, error, retryCount }) => {
          // Tokens may have been renewed since the first attempt.
          for (const [name, value] of Object.entries((await options.headers?.()) ?? {}))
            request.headers.set(name, value);
          const status = (error as { response?: Response }).response?.status;
          options.onRetry?.({ service: options.service, status, attempt: retryCount });
        },
      ],
    },
  });
  const send = async (input: string, request: Options, accept: readonly number[] = []) => {
    try {
      return await client(input, {
        ...request,
        throwHttpErrors: (status) => !accept.includes(status),
      });
    } catch (error) {
      throw await toSourceError(error, options.service, options.hints ?? {});
    }
  };
  const common = (request: RequestOptions = {}): Options => ({
    ...(request.searchParams ? { searchParams: request.searchParams } : {}),
    ...(request.headers ? { headers: request.headers } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const parse = async <T>(response: Response, input: string): Promise<T> => {
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw await toSourceError(
        new Error(`${options.service} sent a response that is not JSON for ${pathOf(input)}`, {
          cause: error,
        }),
        options.service,
        options.hints ?? {},
      );
    }
  };
  return {
    json: async (input, request) =>
      parse(await send(input, { ...common(request), method: 'get' }), input),
    get: (input, request) => send(input, { ...common(request), method: 'get' }, request?.accept),
    postForm: async (input, form, request) =>
      parse(
        await send(input, {
          ...common(request),
          method: 'post',
          body: new URLSearchParams(form),
        }),
        input,
      ),
    postJson: async (input, body, request) =>
      parse(await send(input, { ...common(request), method: 'post', json: body }), input),
  };
}

/** A URL's path without its query, which may hold tokens or cursors, for messages. */
export function pathOf(input: string): string {
  try {
    return new URL(input, 'http://relative.invalid').pathname;
  } catch {
    return input.split('?')[0] ?? input;
  }
}
