import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, waitForEvent } from '@knowhow/rag-core/testing';
import { FakeBotIdentity } from './fake-bot-identity.js';

/** An activity the bot sent, as the Bot Connector received it. */
export interface SentActivity {
  readonly conversationId: string;
  /** The activity replied to (POST …/activities/{replyToId}). */
  readonly replyToId?: string;
  readonly id: string;
  readonly activity: Record<string, unknown>;
  readonly authorization: string | undefined;
  /** performance.now() when it arrived. */
  readonly at: number;
}

/**
 * The Bot Connector service on localhost for tests, reached through an activity's
 * `serviceUrl`: it takes the bot's replies (`POST /v3/conversations/{id}/activities[/{id}]`),
 * answers with message ids, and can fail on request. It speaks Teams' streaming protocol
 * (`streaminfo` entities): an informative update opens a stream, streaming updates must
 * follow with the next `streamSequence`, a `final` message closes it, and anything out of
 * order is refused as Teams refuses it. It also publishes Bot Framework's
 * OpenID metadata and signing keys (`identity`), so tests can send authenticated requests.
 */
/** One streamed answer as Teams keeps it: its updates in order, and whether it was closed. */
export interface FakeStream {
  readonly conversationId: string;
  readonly updates: SentActivity[];
  final?: SentActivity;
}

interface StreamInfo {
  readonly streamId?: string;
  readonly streamType?: string;
  readonly streamSequence?: number;
}

export class FakeBotConnector extends EventEmitter<{ sent: [SentActivity] }> {
  readonly sent: SentActivity[] = [];
  /** Streams by streamId (the id of their informative update). */
  readonly streams = new Map<string, FakeStream>();
  readonly identity: FakeBotIdentity;
  readonly #server: Server;
  readonly #failures: number[] = [];
  #ids = 0;
  #every: { n: number; retryAfterSeconds: number; seen: number } | undefined;

  private constructor() {
    super();
    this.identity = new FakeBotIdentity(() => this.origin);
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  static async start(): Promise<FakeBotConnector> {
    const fake = new FakeBotConnector();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** What activities carry as `serviceUrl`. */
  get serviceUrl(): string {
    return `${this.origin}/`;
  }

  /** From now on every `n`th post gets HTTP 429 with Retry-After, as a busy connector does. */
  rateLimitEvery(n: number, retryAfterSeconds = 1): void {
    this.#every = n > 0 ? { n, retryAfterSeconds, seen: 0 } : undefined;
  }

  /** The next `count` posts get this HTTP status. */
  failNext(status: number, count = 1): void {
    for (let index = 0; index < count; index += 1) this.#failures.push(status);
  }

  /** Messages (not typing) sent to a conversation, in order. */
  messagesTo(conversationId: string): SentActivity[] {
    return this.sent.filter(
      (sent) => sent.conversationId === conversationId && sent.activity['type'] === 'message',
    );
  }

  /**
   * Resolves with the first value `find` returns, checked now and after every sent activity.
   * Waits 30 s by default: a process's first answer can take more than 10 s on a loaded
   * two-core machine.
   */
  waitFor<T>(find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
    return waitForEvent(this, ['sent'], find, timeoutMs);
  }

  stop(): Promise<void> {
    return closeServer(this.#server);
  }

  #streamProblem(activity: Record<string, unknown>): { status: number; code: string } | undefined {
    const info = streamInfoOf(activity);
    if (!info || info.streamType === 'informative') return undefined;
    const stream = info.streamId ? this.streams.get(info.streamId) : undefined;
    if (!stream) return { status: 400, code: 'BadArgument' };
    if (stream.final) return { status: 403, code: 'ContentStreamNotAllowed' };
    if (info.streamType === 'final')
      return activity['type'] === 'message' ? undefined : { status: 400, code: 'BadArgument' };
    const expected = stream.updates.length + 1;
    return info.streamSequence === expected ? undefined : { status: 400, code: 'BadArgument' };
  }

  #recordStream(sent: SentActivity): void {
    const info = streamInfoOf(sent.activity);
    if (!info) return;
    if (info.streamType === 'informative' && !info.streamId) {
      this.streams.set(sent.id, { conversationId: sent.conversationId, updates: [sent] });
      return;
    }
    const stream = this.streams.get(info.streamId ?? '');
    if (!stream) return;
    if (info.streamType === 'final') stream.final = sent;
    else stream.updates.push(sent);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? '/', this.origin).pathname;
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path.startsWith('/openid/')) {
      const document = this.identity.document(path);
      return document ? json(200, document) : json(404, {});
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!match || (request.method !== 'POST' && request.method !== 'PUT'))
      return json(404, { error: { code: 'NotFound' } });
    if (this.#every && ++this.#every.seen % this.#every.n === 0) {
      response.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(this.#every.retryAfterSeconds),
      });
      response.end(JSON.stringify({ error: { code: 'Throttled', message: 'Too many requests' } }));
      return;
    }
    const failure = this.#failures.shift();
    if (failure)
      return json(failure, { error: { code: 'ServiceError', message: `fake failure ${failure}` } });
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const refused = this.#streamProblem(activity);
    if (refused) return json(refused.status, { error: { code: refused.code } });
    this.#ids += 1;
    const replyToId =
      request.method === 'POST' && match[2] ? decodeURIComponent(match[2]) : undefined;
    const sent: SentActivity = {
      conversationId: decodeURIComponent(match[1] ?? ''),
      ...(replyToId ? { replyToId } : {}),
      id:
        request.method === 'PUT' ? decodeURIComponent(match[2] ?? '') : `bot-message-${this.#ids}`,
      activity,
      authorization: request.headers.authorization,
      at: performance.now(),
    };
    this.sent.push(sent);
    this.#recordStream(sent);
    json(200, { id: sent.id });
    this.emit('sent', sent);
  }
}

function streamInfoOf(activity: Record<string, unknown>): StreamInfo | undefined {
  const entities = Array.isArray(activity['entities']) ? (activity['entities'] as unknown[]) : [];
  return entities.find(
    (entity): entity is StreamInfo =>
      typeof entity === 'object' &&
      entity !== null &&
      (entity as { type?: unknown }).type === 'streaminfo',
  );
}
