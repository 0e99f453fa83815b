import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from '@knowhow/bot-host';
import type { BotFrameworkEndpoint } from './bot-framework.js';

// Bot Framework activities are small; anything far larger is not one.
const maxBodyBytes = 1024 * 1024;

export interface MessagesRouteOptions {
  readonly endpoint: BotFrameworkEndpoint;
  /** False once the bot is stopping: new activities get 503, so Bot Framework retries them. */
  readonly accepting: () => boolean;
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

/** The request's JSON body, or the status that refuses it. */
async function readJson(
  request: IncomingMessage,
): Promise<{ body: unknown } | { refuse: [number, string] }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return { refuse: [413, 'Request body too large'] };
    chunks.push(chunk as Buffer);
  }
  try {
    return { body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { refuse: [400, 'Request body is not JSON'] };
  }
}

async function handleMessages(
  request: IncomingMessage,
  response: ServerResponse,
  options: MessagesRouteOptions,
): Promise<void> {
  if (!options.accepting()) return send(response, 503, 'Stopping');
  const read = await readJson(request);
  if ('refuse' in read) {
    // The rest of an oversized body is not read: the connection closes after the answer.
    response.setHeader('connection', 'close');
    return send(response, ...read.refuse);
  }
  await options.endpoint.process({ headers: request.headers, body: read.body }, (status, reply) =>
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
