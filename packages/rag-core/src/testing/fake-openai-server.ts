import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChatReply,
  type ChatRequest,
  type ChatResponder,
  groundedResponder,
  pieces,
} from './fake-chat-replies.js';
import { hashingVector } from './hashing-embeddings.js';
import { closeServer } from './close-server.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

export interface FakeOpenAIServerOptions {
  /** Requests must carry `Authorization: Bearer <apiKey>` when set. */
  readonly apiKey?: string;
  /** Vector size of /v1/embeddings unless the request asks for `dimensions`. */
  readonly dimensions?: number;
}

/**
 * An OpenAI-compatible HTTP server on localhost for tests: the real client code talks to it
 * over the wire. Embeddings are deterministic bag-of-words vectors (texts sharing words are
 * close). Failures can be queued to exercise retries.
 */
export class FakeOpenAIServer {
  readonly requests: RecordedRequest[] = [];
  /** performance.now() when each content piece of the latest stream was written. */
  readonly pieceTimes: number[] = [];
  readonly #server: Server;
  readonly #options: FakeOpenAIServerOptions;
  readonly #failures: { status: number; message: string; retryAfter?: number }[] = [];
  readonly #rejected: { text: string; status: number }[] = [];
  #responder: ChatResponder = groundedResponder;

  private constructor(options: FakeOpenAIServerOptions) {
    this.#options = options;
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
  }

  static async start(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
    const fake = new FakeOpenAIServer(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL for OPENAI_BASE_URL / `configuration.baseURL`, ending in `/v1`. */
  get baseURL(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  /**
   * The next `count` requests get this HTTP error. A 429 carries `Retry-After` as OpenAI's
   * does, unless `retryAfterSeconds` is null.
   */
  failNext(
    status: number,
    count = 1,
    options: { message?: string; retryAfterSeconds?: number | null } = {},
  ): void {
    const retryAfter =
      status === 429 && options.retryAfterSeconds !== null
        ? (options.retryAfterSeconds ?? 0)
        : undefined;
    for (let index = 0; index < count; index += 1) {
      this.#failures.push({
        status,
        message: options.message ?? `fake failure ${status}`,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      });
    }
  }

  /** Forgets queued failures and rejections, and answers with groundedResponder again. */
  reset(): void {
    this.#failures.length = 0;
    this.#rejected.length = 0;
    this.#responder = groundedResponder;
  }

  /** How chat completions are answered from now on (default: groundedResponder). */
  respondWith(responder: ChatResponder): void {
    this.#responder = responder;
  }

  /** Embedding requests with an input containing `text` fail with `status` until cleared. */
  rejectInputsContaining(text: string, status = 400): void {
    this.#rejected.push({ text, status });
  }

  clearRejections(): void {
    this.#rejected.length = 0;
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  stop(): Promise<void> {
    return closeServer(this.#server);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    this.requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
    if (
      this.#options.apiKey &&
      request.headers.authorization !== `Bearer ${this.#options.apiKey}`
    ) {
      return sendError(response, 401, 'Incorrect API key provided', 'invalid_api_key');
    }
    const failure = this.#failures.shift();
    if (failure) {
      if (failure.retryAfter !== undefined)
        response.setHeader('retry-after', String(failure.retryAfter));
      return sendError(response, failure.status, failure.message, 'fake_failure');
    }
    if (request.method === 'POST' && path === '/v1/embeddings')
      return this.#embeddings(body, response);
    if (request.method === 'POST' && path === '/v1/chat/completions')
      return this.#chat(body, response);
    return sendError(response, 404, `no route ${request.method} ${path}`, 'not_found');
  }

  async #chat(body: unknown, response: ServerResponse): Promise<void> {
    const raw = body as {
      model?: string;
      stream?: boolean;
      messages?: { role: string; content: unknown }[];
    };
    const request: ChatRequest = {
      model: raw.model ?? 'fake',
      stream: raw.stream === true,
      messages: (raw.messages ?? []).map((message) => ({
        role: message.role,
        content:
          typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
      })),
    };
    const reply: ChatReply = this.#responder(request);
    // Unreferenced: a test that gave up on a slow reply must not wait for it to finish.
    if (reply.delayMs) await sleep(reply.delayMs, undefined, { ref: false });
    if (reply.status)
      return sendError(response, reply.status, `scripted failure ${reply.status}`, 'fake_failure');
    const content = reply.content ?? '';
    const id = `chatcmpl-${this.requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    if (!request.stream) {
      return sendJson(response, 200, {
        id,
        object: 'chat.completion',
        created,
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (delta: object, finish: string | null = null) =>
      response.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    send({ role: 'assistant', content: '' });
    this.pieceTimes.length = 0;
    for (const piece of pieces(content)) {
      if (reply.pieceDelayMs) await sleep(reply.pieceDelayMs, undefined, { ref: false });
      this.pieceTimes.push(performance.now());
      send({ content: piece });
    }
    send({}, 'stop');
    response.end('data: [DONE]\n\n');
  }

  #embeddings(body: unknown, response: ServerResponse): void {
    const request = body as {
      input?: unknown;
      model?: string;
      dimensions?: number;
      encoding_format?: string;
    };
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    if (inputs.some((input) => typeof input !== 'string')) {
      sendError(
        response,
        400,
        'input must be a string or an array of strings',
        'invalid_request_error',
      );
      return;
    }
    const rejection = this.#rejected.find(({ text }) =>
      (inputs as string[]).some((input) => input.includes(text)),
    );
    if (rejection) {
      sendError(
        response,
        rejection.status,
        `input rejected: contains "${rejection.text}"`,
        'invalid_request_error',
      );
      return;
    }
    const dimensions = request.dimensions ?? this.#options.dimensions ?? 64;
    const data = (inputs as string[]).map((input, index) => {
      const vector = hashingVector(input, dimensions);
      const embedding =
        request.encoding_format === 'base64'
          ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
          : vector;
      return { object: 'embedding', index, embedding };
    });
    const tokens = (inputs as string[]).reduce((sum, input) => sum + input.split(/\s+/).length, 0);
    sendJson(response, 200, {
      object: 'list',
      data,
      model: request.model ?? 'fake',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

function sendError(response: ServerResponse, status: number, message: string, code: string): void {
  sendJson(response, status, { error: { message, type: code, param: null, code } });
}
