import type { CustomRoute } from '@slack/bolt';

/**
 * `GET /healthz`: 200 when the bot can answer (its database responds), 503 otherwise, for
 * load balancers and container health checks.
 */
export function healthRoute(checkHealth: () => Promise<unknown>): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_request, response) => {
      const reply = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      checkHealth().then(
        () => reply(200, { status: 'ok' }),
        () => reply(503, { status: 'unavailable', reason: 'database_unavailable' }),
      );
    },
  };
}
