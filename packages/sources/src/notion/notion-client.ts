import pThrottle from 'p-throttle';
import {
  createHttpClient,
  type HttpClient,
  type RequestOptions,
  type RetryNotice,
} from '../http/http-client.js';
import { type NotionSettings, notionHints, notionVersion } from './notion-settings.js';

/**
 * The Notion API with the integration's secret and `Notion-Version`, at most
 * `requests_per_second` calls (Notion's average limit is 3), 429s retried after Retry-After.
 */
export function createNotionClient(
  settings: NotionSettings,
  options: { onRetry?: (notice: RetryNotice) => void } = {},
): HttpClient {
  const client = createHttpClient({
    service: 'Notion',
    baseUrl: `${settings.api_url}/v1/`,
    headers: () => ({
      authorization: `Bearer ${settings.token}`,
      'notion-version': notionVersion,
      accept: 'application/json',
    }),
    hints: notionHints,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
  // A window of one second holding at most the rate's calls (at least one).
  const perSecond = settings.requests_per_second;
  const throttle = pThrottle({
    limit: Math.max(1, Math.floor(perSecond)),
    interval: Math.round((1000 * Math.max(1, Math.floor(perSecond))) / perSecond),
    strict: true,
  });
  const limited = throttle(<T>(run: () => Promise<T>): Promise<T> => run());
  return {
    json: <T>(input: string, request?: RequestOptions) =>
      limited(() => client.json<T>(input, request)),
    get: (input, request) => limited(() => client.get(input, request)),
    postForm: <T>(input: string, form: Record<string, string>, request?: RequestOptions) =>
      limited(() => client.postForm<T>(input, form, request)),
    postJson: <T>(input: string, body: unknown, request?: RequestOptions) =>
      limited(() => client.postJson<T>(input, body, request)),
  };
}
