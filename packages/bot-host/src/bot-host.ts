import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BotMetrics, createBotMetrics } from './bot-metrics.js';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Resolves with why the process cannot do its work now (`database_unavailable`), or nothing. */
export type HealthCheck = () => Promise<string | undefined>;

export interface BotHostOptions {
  readonly port: number;
  /** Where to listen; default every interface. */
  readonly host?: string;
  /** Called for a handler that throws: the request gets 500. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The one HTTP server of a Knowhow process: each bot adds its routes (Slack's
 * `/slack/events`, Teams' `/api/messages`), anything that can stop the process from working
 * adds a health check, and `/metrics` serves every registered metric (the bots' own, and
 * whatever else registers with `metrics.registry`, such as source syncs).
 */
export interface BotHost {
  readonly metrics: BotMetrics;
  route(method: string, path: string, handler: RouteHandler): void;
  addHealthCheck(name: string, check: HealthCheck): void;
  /** Facts added to every `/healthz` body, e.g. `{ search: 'keyword', problem: '…' }`. */
  addHealthDetails(details: Readonly<Record<string, unknown>>): void;
  /** Starts listening (once, however many bots call it); resolves with the port. */
  listen(): Promise<number>;
  readonly port: number | undefined;
  close(): Promise<void>;
}

export function createBotHost(options: BotHostOptions): BotHost {
  const routes = new Map<string, RouteHandler>();
  const checks = new Map<string, HealthCheck>();
  let details: Readonly<Record<string, unknown>> = {};
  const metrics = createBotMetrics();
  const server: Server = createServer((request, response) => {
    const path = request.url?.split('?')[0] ?? '/';
    const handler = routes.get(`${request.method} ${path}`);
    if (!handler) {
      const known = [...routes.keys()].some((key) => key.endsWith(` ${path}`));
      response.writeHead(known ? 405 : 404).end();
      return;
    }
    try {
      handler(request, response);
    } catch (error) {
      options.onError?.(error);
      if (!response.headersSent) response.writeHead(500).end();
    }
  });
  let listening: Promise<number> | undefined;
  const json = (response: ServerResponse, status: number, body: object) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  routes.set('GET /healthz', (_request, response) => {
    void health(checks).then(
      (problem) =>
        problem
          ? json(response, 503, { status: 'unavailable', reason: problem, ...details })
          : json(response, 200, { status: 'ok', ...details }),
      () =>
        json(response, 503, { status: 'unavailable', reason: 'health_check_failed', ...details }),
    );
  });
  routes.set('GET /metrics', (_request, response) => {
    void metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: unknown) => {
        options.onError?.(error);
        response.writeHead(500).end();
      },
    );
  });

  return {
    metrics,
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
    addHealthCheck: (name, check) => void checks.set(name, check),
    addHealthDetails: (added) => {
      details = { ...details, ...added };
    },
    get port() {
      return (server.address() as AddressInfo | null)?.port;
    },
    listen() {
      listening ??= new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
      return listening;
    },
    async close() {
      if (!server.listening) return;
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The first problem any check reports; a check that throws reports its own name. */
async function health(checks: ReadonlyMap<string, HealthCheck>): Promise<string | undefined> {
  const problems = await Promise.all([...checks].map(([name, check]) => check().catch(() => name)));
  return problems.find((problem) => problem !== undefined);
}

/**
 * A request's body, or undefined once it passes `maxBytes` (the rest is not read: answer 413
 * and close the connection). Chat platforms' requests are small.
 */
export async function readBody(
  request: IncomingMessage,
  maxBytes = 1024 * 1024,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A health check from a database probe that rejects when the database is unreachable. */
export function databaseHealth(probe: () => Promise<unknown>): HealthCheck {
  return () =>
    probe().then(
      () => undefined,
      () => 'database_unavailable',
    );
}
