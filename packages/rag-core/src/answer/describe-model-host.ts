/**
 * `host:port` of an OpenAI-compatible endpoint, for messages about it: no path, and never
 * credentials (a base URL may carry `user:key@`). OpenAI's own when no base URL is set.
 */
export function describeModelHost(baseURL = 'https://api.openai.com/v1'): string {
  try {
    const url = new URL(baseURL);
    const port = url.port || (url.protocol === 'http:' ? '80' : '443');
    return `${url.hostname}:${port}`;
  } catch {
    return 'the configured address';
  }
}
