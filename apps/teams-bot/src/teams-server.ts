import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, type RouteHandler } from '@knowhow/bot-host';
import type { BotFrameworkEndpoint } from './bot-framework.js';

export interface MessagesRouteOptions {
  readonly endpoint: BotFrameworkEndpoint;
  readonly onError: (error: unknown) => void;
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (response.headersSent) return;
  if (body === undefined || body === null) {
    response.writeHead(status).end();
  } else if (typeof body === 'string') {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

async function handleMessages(
  request: IncomingMessage,
  response: ServerResponse,
  options: MessagesRouteOptions,
): Promise<void> {
  // Bot Framework activities are small; anything over 1 MB is not one.
  const raw = await readBody(request);
  if (raw === undefined) {
    // The rest of an oversized body is not read: the connection closes after the answer.
    response.setHeader('connection', 'close');
    return send(response, 413, 'Request body too large');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return send(response, 400, 'Request body is not JSON');
  }
  await options.endpoint.process({ headers: request.headers, body }, (status, reply) =>
    send(response, status, reply),
  );
}

/** `POST /api/messages` for Bot Framework, on the process's HTTP host. */
export function messagesRoute(options: MessagesRouteOptions): RouteHandler {
  return (request, response) => {
    handleMessages(request, response, options).catch((error: unknown) => {
      // A caller that hangs up mid-request is not our failure.
      if (request.destroyed && !request.complete) return;
      options.onError(error);
      send(response, 500);
    });
  };
}
