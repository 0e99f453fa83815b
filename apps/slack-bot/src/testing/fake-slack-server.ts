import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, waitForEvent } from '@knowhow/rag-core/testing';
import { asApiMessage, FakeChannels, type FakeMessage } from './fake-channels.js';
import { FakeSocketMode } from './fake-socket-mode.js';

/** One Web API call as the fake received it; JSON-valued form fields are parsed. */
export interface SlackCall {
  readonly method: string;
  readonly token: string | undefined;
  readonly args: Record<string, unknown>;
  /** performance.now() when it arrived. */
  readonly at: number;
}

/** A POST to a response_url. */
export interface ResponseUrlPost {
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

export const fakeBot = { userId: 'UKNOWHOW', botId: 'BKNOWHOW', teamId: 'TFERNHILL' } as const;

type Handler = (call: SlackCall) => Record<string, unknown>;

/**
 * The Slack Web API on localhost for tests, reached through `slackApiUrl`: auth.test,
 * chat.postMessage / update / postEphemeral, chat.startStream / appendStream / stopStream
 * (refusing what Slack refuses: no thread, no recipient in a channel, a stopped stream),
 * assistant.threads.setStatus / setSuggestedPrompts, conversations.replies / history and
 * apps.connections.open (with a Socket Mode WebSocket), over Slack's wire format (form-encoded
 * requests, `{ok, …}` replies). It keeps the messages it is sent, so threads read back, and
 * takes POSTs to response URLs.
 */
export class FakeSlackServer extends EventEmitter<{
  call: [SlackCall];
  response: [ResponseUrlPost];
}> {
  readonly calls: SlackCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly channels = new FakeChannels();
  readonly socketMode: FakeSocketMode;
  readonly #server: Server;
  readonly #tokens: { bot: string; app: string };
  readonly #failures = new Map<string, string[]>();
  readonly #rateLimits = new Map<string, { count: number; retryAfterSeconds: number }>();
  readonly #responseUrlUses = new Map<string, number>();
  #responseUrls = 0;
  #every: { n: number; retryAfterSeconds: number; seen: number } | undefined;

  private constructor(tokens: { bot: string; app: string }) {
    super();
    this.#tokens = tokens;
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.socketMode = new FakeSocketMode(this.#server, '/socket');
  }

  static async start(tokens: { bot?: string; app?: string } = {}): Promise<FakeSlackServer> {
    const fake = new FakeSlackServer({
      bot: tokens.bot ?? 'xoxb-test-token',
      app: tokens.app ?? 'xapp-test-token',
    });
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** For `SLACK_API_URL` / `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A fresh response_url, as Slack puts in commands and interactions. */
  newResponseUrl(): string {
    this.#responseUrls += 1;
    return `${this.origin}/response-url/${this.#responseUrls}`;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The next `count` calls of `method` answer `{ok: false, error}`. */
  failNext(method: string, error: string, count = 1): void {
    this.#failures.set(method, [
      ...(this.#failures.get(method) ?? []),
      ...Array<string>(count).fill(error),
    ]);
  }

  /** The next `count` calls of `method` get HTTP 429 with Retry-After, as Slack rate limits. */
  rateLimitNext(method: string, count = 1, retryAfterSeconds = 1): void {
    this.#rateLimits.set(method, { count, retryAfterSeconds });
  }

  /**
   * From now on every `n`th Web API call (connection calls aside) gets HTTP 429 with
   * Retry-After, as a busy workspace does; 0 stops it.
   */
  rateLimitEvery(n: number, retryAfterSeconds = 1): void {
    this.#every = n > 0 ? { n, retryAfterSeconds, seen: 0 } : undefined;
  }

  /** A person's message, as if typed in Slack; returns it (with its ts) for the event. */
  postAsUser(message: {
    channel: string;
    user: string;
    text: string;
    threadTs?: string;
  }): FakeMessage {
    return this.channels.add({
      channel: message.channel,
      user: message.user,
      text: message.text,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    });
  }

  /**
   * Resolves with the first value `find` returns, checked after every call and now. Waits 30 s
   * by default: a process's first answer can take more than 10 s on a loaded two-core machine.
   */
  waitFor<T>(find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
    return waitForEvent(this, ['call', 'response'], find, timeoutMs);
  }

  stop(): Promise<void> {
    this.socketMode.close();
    return closeServer(this.#server);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(request.url ?? '/', this.origin).pathname;
    if (path.startsWith('/response-url/')) {
      // Slack accepts five posts to a response URL.
      const id = path.slice('/response-url/'.length);
      const uses = (this.#responseUrlUses.get(id) ?? 0) + 1;
      this.#responseUrlUses.set(id, uses);
      if (uses > 5) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('used_url');
        return;
      }
      const post = {
        id: path.slice('/response-url/'.length),
        body: JSON.parse(body) as Record<string, unknown>,
        at: performance.now(),
      };
      const invalid = blocksProblem(post.body['blocks']);
      if (invalid) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(invalid);
        return;
      }
      this.responses.push(post);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      this.emit('response', post);
      return;
    }
    if (!path.startsWith('/api/')) {
      response.writeHead(404).end();
      return;
    }
    const call: SlackCall = {
      method: path.slice('/api/'.length),
      token: /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1],
      args: parseArgs(body, request.headers['content-type']),
      at: performance.now(),
    };
    this.calls.push(call);
    const limited = this.#rateLimits.get(call.method) ?? this.#everyLimit(call.method);
    if (limited && limited.count > 0) {
      limited.count -= 1;
      response
        .writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(limited.retryAfterSeconds),
        })
        .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      this.emit('call', call);
      return;
    }
    const result = this.#answer(call);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    this.emit('call', call);
  }

  #everyLimit(method: string): { count: number; retryAfterSeconds: number } | undefined {
    if (!this.#every || method === 'auth.test' || method === 'apps.connections.open')
      return undefined;
    this.#every.seen += 1;
    return this.#every.seen % this.#every.n === 0
      ? { count: 1, retryAfterSeconds: this.#every.retryAfterSeconds }
      : undefined;
  }

  #answer(call: SlackCall): Record<string, unknown> {
    const expected = call.method === 'apps.connections.open' ? this.#tokens.app : this.#tokens.bot;
    if (call.token !== expected) return { ok: false, error: 'invalid_auth' };
    const failure = this.#failures.get(call.method)?.shift();
    if (failure) return { ok: false, error: failure };
    const invalid = blocksProblem(call.args['blocks']);
    if (invalid) return { ok: false, error: invalid };
    const handler = this.#handlers[call.method];
    return handler ? { ok: true, ...handler(call) } : { ok: false, error: 'unknown_method' };
  }

  readonly #handlers: Record<string, Handler> = {
    'auth.test': () => ({
      user_id: fakeBot.userId,
      bot_id: fakeBot.botId,
      team_id: fakeBot.teamId,
      user: 'knowhow',
      team: 'Fernhill Labs',
      url: 'https://fernhill.slack.com/',
    }),
    'apps.connections.open': () => ({
      url: `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}/socket?ticket=1`,
    }),
    'chat.postMessage': ({ args }) => {
      const message = this.channels.add({
        channel: String(args['channel']),
        user: fakeBot.userId,
        botId: fakeBot.botId,
        text: text(args['text']),
        ...(args['thread_ts'] ? { threadTs: text(args['thread_ts']) } : {}),
        ...(Array.isArray(args['blocks']) ? { blocks: args['blocks'] } : {}),
        ...(args['metadata']
          ? { metadata: args['metadata'] as FakeMessage['metadata'] & object }
          : {}),
      });
      return { channel: message.channel, ts: message.ts, message: asApiMessage(message, true) };
    },
    'chat.update': ({ args }) => {
      const message = this.channels.find(String(args['channel']), String(args['ts']));
      if (!message) return { ok: false, error: 'message_not_found' };
      message.text = args['text'] === undefined ? message.text : text(args['text']);
      if (Array.isArray(args['blocks'])) message.blocks = args['blocks'];
      if (args['metadata']) message.metadata = args['metadata'] as FakeMessage['metadata'] & object;
      message.updates += 1;
      return { channel: message.channel, ts: message.ts, text: message.text };
    },
    'chat.postEphemeral': () => ({ message_ts: this.channels.nextTs() }),
    'chat.startStream': ({ args }) => {
      const channel = text(args['channel']);
      if (!args['thread_ts']) return { ok: false, error: 'invalid_arguments' };
      // Outside DMs Slack must know whom the stream is for.
      if (!channel.startsWith('D') && !args['recipient_user_id'])
        return { ok: false, error: 'missing_recipient_user_id' };
      if (!channel.startsWith('D') && !args['recipient_team_id'])
        return { ok: false, error: 'missing_recipient_team_id' };
      const message = this.channels.add({
        channel,
        user: fakeBot.userId,
        botId: fakeBot.botId,
        text: streamedText(args),
        threadTs: text(args['thread_ts']),
        streaming: true,
        appends: 0,
      });
      return { channel, ts: message.ts };
    },
    'chat.appendStream': ({ args }) => {
      const message = this.channels.find(text(args['channel']), text(args['ts']));
      if (!message) return { ok: false, error: 'message_not_found' };
      if (!message.streaming) return { ok: false, error: 'message_not_in_streaming_state' };
      message.text += streamedText(args);
      message.appends = (message.appends ?? 0) + 1;
      return { channel: message.channel, ts: message.ts };
    },
    'chat.stopStream': ({ args }) => {
      const message = this.channels.find(text(args['channel']), text(args['ts']));
      if (!message) return { ok: false, error: 'message_not_found' };
      if (!message.streaming) return { ok: false, error: 'message_not_in_streaming_state' };
      message.text += streamedText(args);
      message.blocks = Array.isArray(args['blocks']) ? args['blocks'] : [];
      if (args['metadata']) message.metadata = args['metadata'] as FakeMessage['metadata'] & object;
      message.streaming = false;
      return { channel: message.channel, ts: message.ts, message: asApiMessage(message, true) };
    },
    'assistant.threads.setStatus': ({ args }) =>
      args['channel_id'] && args['thread_ts'] && typeof args['status'] === 'string'
        ? {}
        : { ok: false, error: 'invalid_arguments' },
    'assistant.threads.setSuggestedPrompts': ({ args }) =>
      args['channel_id'] && args['thread_ts'] && Array.isArray(args['prompts'])
        ? {}
        : { ok: false, error: 'invalid_arguments' },
    'conversations.replies': ({ args }) => {
      const latest = args['latest'] === undefined ? Infinity : Number(args['latest']);
      const inclusive = args['inclusive'] === true || args['inclusive'] === 'true';
      const all = this.channels
        .thread(text(args['channel']), text(args['ts']))
        .filter((message) =>
          inclusive ? Number(message.ts) <= latest : Number(message.ts) < latest,
        );
      // Slack pages oldest first; the cursor here is the offset of the next page.
      const offset = Number(args['cursor'] ?? 0);
      const limit = Number(args['limit'] ?? 1000);
      const page = all.slice(offset, offset + limit);
      const hasMore = offset + limit < all.length;
      const metadata =
        args['include_all_metadata'] === true || args['include_all_metadata'] === 'true';
      return {
        messages: page.map((message) => asApiMessage(message, metadata)),
        has_more: hasMore,
        ...(hasMore ? { response_metadata: { next_cursor: String(offset + limit) } } : {}),
      };
    },
    'conversations.history': ({ args }) => {
      const latest = args['latest'] === undefined ? Infinity : Number(args['latest']);
      const oldest = args['oldest'] === undefined ? 0 : Number(args['oldest']);
      const messages = this.channels
        .topLevel(String(args['channel']))
        .filter((message) => Number(message.ts) < latest && Number(message.ts) > oldest)
        .toReversed()
        .slice(0, Number(args['limit'] ?? 100));
      const metadata =
        args['include_all_metadata'] === true || args['include_all_metadata'] === 'true';
      return {
        messages: messages.map((message) => asApiMessage(message, metadata)),
        has_more: false,
      };
    },
  };
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value ?? '');

/** The text a stream call carries: `markdown_text`, or its `chunks` of type markdown_text. */
export function streamedText(args: Record<string, unknown>): string {
  const chunks = Array.isArray(args['chunks'])
    ? (args['chunks'] as { type?: unknown; text?: unknown }[])
    : [];
  const fromChunks = chunks
    .filter((chunk) => chunk.type === 'markdown_text' && typeof chunk.text === 'string')
    .map((chunk) => chunk.text as string)
    .join('');
  return (typeof args['markdown_text'] === 'string' ? args['markdown_text'] : '') + fromChunks;
}

/** What Slack refuses in a message's blocks: over 50 blocks, 3,000 characters a section, or
 * about 12,000 characters across all of them. */
function blocksProblem(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  if (blocks.length > 50) return 'invalid_blocks';
  let total = 0;
  for (const block of blocks as { text?: { text?: string }; elements?: { text?: unknown }[] }[]) {
    const sectionText = block.text?.text ?? '';
    if (sectionText.length > 3000) return 'invalid_blocks';
    total += sectionText.length;
    for (const element of block.elements ?? []) {
      if (typeof element.text === 'string') total += element.text.length;
    }
  }
  return total > 12_000 ? 'msg_blocks_too_long' : undefined;
}

/** Slack's clients send form fields, these ones as JSON text. */
const jsonFields = new Set([
  'blocks',
  'attachments',
  'metadata',
  'prompts',
  'loading_messages',
  'chunks',
]);

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = jsonFields.has(key) ? (JSON.parse(value) as unknown) : value;
  }
  return args;
}
