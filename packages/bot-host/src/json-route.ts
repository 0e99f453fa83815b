import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, type RouteHandler } from './bot-host.js';

/** The HTTP side of a JSON request, as the host hands it to a platform's endpoint. */
export interface JsonRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

/** Answers the request: a string body is sent as text, anything else as JSON. */
export type JsonReply = (status: number, body?: unknown) => void;

export type JsonEndpoint = (request: JsonRequest, reply: JsonReply) => Promise<void>;

/** A request body's JSON, or undefined when it is not JSON. */
export function parseJson(raw: Buffer): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(raw.toString('utf8')) };
  } catch {
    return undefined;
  }
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

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  endpoint: JsonEndpoint,
): Promise<void> {
  // Chat platforms' JSON requests are small; anything over 1 MB is not one.
  const raw = await readBody(request);
  if (raw === undefined) {
    // The rest of an oversized body is not read: the connection closes after the answer.
    response.setHeader('connection', 'close');
    return send(response, 413, 'Request body too large');
  }
  const body = parseJson(raw);
  if (!body) return send(response, 400, 'Request body is not JSON');
  await endpoint({ headers: request.headers, body: body.value }, (status, reply) =>
    send(response, status, reply),
  );
}

/**
 * A route for a platform that POSTs JSON (Bot Framework's `/api/messages`): the body read and
 * parsed, the endpoint's reply sent; an endpoint that throws gets 500 and `onError`.
 */
export function jsonRoute(endpoint: JsonEndpoint, onError: (error: unknown) => void): RouteHandler {
  return (request, response) => {
    handle(request, response, endpoint).catch((error: unknown) => {
      // A caller that hangs up mid-request is not our failure.
      if (request.destroyed && !request.complete) return;
      onError(error);
      send(response, 500);
    });
  };
}
