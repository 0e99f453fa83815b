import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/** Why the bot cannot answer right now; undefined when it can. */
export type HealthProblem = 'database_unavailable' | 'slack_disconnected' | undefined;

function respond(check: () => Promise<HealthProblem>, response: ServerResponse): void {
  const reply = (status: number, body: object) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  check().then(
    (problem) =>
      problem
        ? reply(503, { status: 'unavailable', reason: problem })
        : reply(200, { status: 'ok' }),
    () => reply(503, { status: 'unavailable', reason: 'database_unavailable' }),
  );
}

/**
 * `GET /healthz`: 200 when the bot can answer (its database responds and, in Socket Mode,
 * the connection to Slack is up), 503 with the reason otherwise.
 */
export function healthRoute(check: () => Promise<HealthProblem>): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_request, response) => respond(check, response),
  };
}

/**
 * Socket Mode has no HTTP server of its own for this; Bolt's would crash the process on a
 * port in use, so this one reports it instead.
 */
export async function startHealthServer(
  port: number,
  check: () => Promise<HealthProblem>,
): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && request.url?.split('?')[0] === '/healthz')
      respond(check, response);
    else response.writeHead(404).end();
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
