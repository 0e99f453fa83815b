import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BotFrameworkEndpoint } from './bot-framework.js';

// Bot Framework activities are small; anything far larger is not one.
const maxBodyBytes = 1024 * 1024;

export type HealthCheck = () => Promise<unknown>;

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined || body === null) {
    response.writeHead(status).end();
  } else if (typeof body === 'string') {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

async function readJson(
  request: IncomingMessage,
): Promise<{ body?: unknown; problem?: [number, string] }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return { problem: [413, 'Request body too large'] };
    chunks.push(chunk as Buffer);
  }
  try {
    return { body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { problem: [400, 'Request body is not JSON'] };
  }
}

/**
 * The bot's HTTP server: `POST /api/messages` for Bot Framework, `GET /healthz` (200 when the
 * database responds, else 503).
 */
export async function startTeamsServer(
  port: number,
  endpoint: BotFrameworkEndpoint,
  checkHealth: HealthCheck,
  onError: (error: unknown) => void,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (path === '/healthz' && request.method === 'GET') {
      checkHealth().then(
        () => send(response, 200, { status: 'ok' }),
        () => send(response, 503, { status: 'unavailable', reason: 'database_unavailable' }),
      );
      return;
    }
    if (path !== '/api/messages') return send(response, 404);
    if (request.method !== 'POST') return send(response, 405);
    readJson(request)
      .then(async ({ body, problem }) => {
        if (problem) return send(response, ...problem);
        await endpoint.process({ headers: request.headers, body }, (status, reply) =>
          send(response, status, reply),
        );
      })
      .catch((error: unknown) => {
        onError(error);
        if (!response.headersSent) send(response, 500);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
