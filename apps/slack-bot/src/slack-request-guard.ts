import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJson, readBody, type RouteHandler } from '@knowhow/bot-host';

// Slack's rule: a request more than five minutes from our clock, either way, is refused.
const maxSkewSeconds = 5 * 60;

type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

/**
 * Checks Bolt leaves open, before its signature check: a timestamp in the future (Bolt
 * refuses only old ones), and a JSON body that is not an object (Bolt crashes on `null`).
 * The body is buffered as `rawBody`, which Bolt then reads instead of the stream.
 */
export function guardSlackRequests(next: RouteHandler): RouteHandler {
  return (request: BufferedRequest, response: ServerResponse) => {
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && Math.abs(Date.now() / 1000 - timestamp) > maxSkewSeconds) {
      response.writeHead(401).end();
      return;
    }
    void readBody(request).then(
      (body) => {
        if (body === undefined) {
          response.writeHead(413, { connection: 'close' }).end();
          return;
        }
        request.rawBody = body;
        const json = request.headers['content-type']?.startsWith('application/json');
        if (json && !isObject(parseJson(body)?.value)) {
          response.writeHead(400).end();
          return;
        }
        next(request, response);
      },
      () => {
        if (!response.headersSent) response.writeHead(400).end();
      },
    );
  };
}

const isObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
