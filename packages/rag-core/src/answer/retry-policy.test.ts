import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { retryPolicy } from './retry-policy.js';

/** A port that was just free: nothing listens there, so connecting is refused. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** What the openai client throws: its connection error around fetch's, around the socket's. */
const connectionError = (cause: unknown) =>
  Object.assign(new Error('Connection error.'), { cause });
const httpError = (status: number) => Object.assign(new Error(`${status} status`), { status });

describe('retryPolicy', () => {
  it('gives up at once on an address nobody answers at', async () => {
    const refused: unknown = await fetch(`http://127.0.0.1:${await closedPort()}/v1`).catch(
      (error: unknown) => error,
    );
    const error = connectionError(refused);
    expect(() => retryPolicy(error)).toThrow(error);
    const unknownHost = connectionError(
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND llm.invalid'), { code: 'ENOTFOUND' }),
      }),
    );
    expect(() => retryPolicy(unknownHost)).toThrow(unknownHost);
  });

  it('gives up at once on a port fetch refuses to connect to (9, the discard port)', async () => {
    const blocked: unknown = await fetch('http://127.0.0.1:9/v1').catch((error: unknown) => error);
    const error = connectionError(blocked);
    expect(() => retryPolicy(error)).toThrow(error);
  });

  it('retries rate limits, server errors and dropped connections', () => {
    for (const error of [
      httpError(429),
      httpError(503),
      connectionError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
    ]) {
      expect(() => retryPolicy(error)).not.toThrow();
    }
  });

  it('stops on other client errors and an exhausted quota', () => {
    expect(() => retryPolicy(httpError(401))).toThrow();
    expect(() =>
      retryPolicy(Object.assign(httpError(429), { code: 'insufficient_quota' })),
    ).toThrow();
  });
});
