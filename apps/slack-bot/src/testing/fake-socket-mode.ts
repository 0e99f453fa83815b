import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * Slack's Socket Mode side of the fake: a WebSocket endpoint that greets with `hello`, sends
 * envelopes (events_api, slash_commands, interactive) and collects their acknowledgements.
 */
export class FakeSocketMode {
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sockets = new Set<WebSocket>();
  readonly #pendingAcks = new Map<string, (payload: unknown) => void>();
  readonly #connectedWaiters: (() => void)[] = [];
  readonly #ping: NodeJS.Timeout;

  constructor(http: Server, path: string) {
    http.on('upgrade', (request, socket, head) => {
      if (!request.url?.startsWith(path)) {
        socket.destroy();
        return;
      }
      this.#server.handleUpgrade(request, socket, head, (client) => this.#accept(client));
    });
    // Slack pings every few seconds; the client reconnects after 30 s without one.
    this.#ping = setInterval(() => {
      for (const socket of this.#sockets) socket.ping();
    }, 5000);
    this.#ping.unref();
  }

  get connections(): number {
    return this.#sockets.size;
  }

  /** Resolves once a client has connected and been greeted. */
  connected(): Promise<void> {
    if (this.#sockets.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.#connectedWaiters.push(resolve));
  }

  /** Sends an envelope to the connected client; resolves with its acknowledgement payload. */
  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    options: { retryAttempt?: number } = {},
  ): Promise<unknown> {
    const socket = [...this.#sockets][0];
    if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
    const envelopeId = randomUUID();
    const acknowledged = new Promise<unknown>((resolve) =>
      this.#pendingAcks.set(envelopeId, resolve),
    );
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api'
          ? {
              retry_attempt: options.retryAttempt ?? 0,
              retry_reason: options.retryAttempt ? 'timeout' : '',
            }
          : {}),
      }),
    );
    return acknowledged;
  }

  /** Resolves once no client is connected (after a client's close handshake). */
  async disconnected(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#sockets.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    clearInterval(this.#ping);
    for (const socket of this.#sockets) socket.terminate();
    this.#server.close();
  }

  #accept(socket: WebSocket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as {
        envelope_id?: string;
        payload?: unknown;
      };
      const resolve = message.envelope_id ? this.#pendingAcks.get(message.envelope_id) : undefined;
      if (message.envelope_id && resolve) {
        this.#pendingAcks.delete(message.envelope_id);
        resolve(message.payload ?? {});
      }
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: this.#sockets.size }));
    for (const resolve of this.#connectedWaiters.splice(0)) resolve();
  }
}
