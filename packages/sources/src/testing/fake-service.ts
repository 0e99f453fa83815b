import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface RecordedRequest extends FakeRequest {
  /** The status answered; 429 (or the throttle's status) for a throttled request. */
  status?: number;
  throttled?: boolean;
}

export interface FakeResponse {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** Objects are sent as JSON, strings and bytes as they are. */
  readonly body?: unknown;
}

export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/**
 * A real HTTP server on 127.0.0.1 (port 0) behind a fake service: records every request,
 * can add latency, and can answer every n-th request with 429 and a Retry-After.
 */
export class FakeService {
  readonly requests: RecordedRequest[] = [];
  /** Added to every answer, like a remote service's latency. */
  delayMs = 0;
  #throttle: { every: number; retryAfter: string; status: number } | undefined;
  #count = 0;
  readonly #server: Server;

  private constructor(handler: FakeHandler) {
    this.#server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        void (async () => {
          const url = new URL(incoming.url ?? '/', 'http://fake');
          const request: RecordedRequest = {
            method: incoming.method ?? 'GET',
            path: decodeURIComponent(url.pathname),
            query: url.searchParams,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          this.requests.push(request);
          this.#count += 1;
          if (this.delayMs > 0) await sleep(this.delayMs);
          const throttle = this.#throttle;
          request.throttled = Boolean(throttle && this.#count % throttle.every === 0);
          const answer: FakeResponse =
            request.throttled && throttle
              ? {
                  status: throttle.status,
                  headers: { 'retry-after': throttle.retryAfter },
                  body: { message: 'Rate limit exceeded' },
                }
              : await Promise.resolve(handler(request)).catch((error: unknown) => ({
                  status: 500,
                  body: { message: String(error) },
                }));
          request.status = answer.status ?? 200;
          send(outgoing, answer);
        })();
      });
    });
  }

  static async start(handler: FakeHandler): Promise<FakeService> {
    const service = new FakeService(handler);
    await new Promise<void>((resolve) => service.#server.listen(0, '127.0.0.1', resolve));
    return service;
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Every `every`-th request is answered 429 (or `status`) with `Retry-After: retryAfter`. */
  throttle(every: number, retryAfter = '1', status = 429): void {
    this.#throttle = every > 0 ? { every, retryAfter, status } : undefined;
  }

  /** Requests whose path matches and that were not throttled, e.g. page downloads. */
  count(pattern: RegExp, method = 'GET'): number {
    return this.requests.filter(
      (request) => request.method === method && !request.throttled && pattern.test(request.path),
    ).length;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }
}

function send(outgoing: ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let body: string | Uint8Array = '';
  if (answer.body instanceof Uint8Array || typeof answer.body === 'string') body = answer.body;
  else if (answer.body !== undefined) {
    body = JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json';
  }
  outgoing.writeHead(answer.status ?? 200, headers);
  outgoing.end(body);
}
