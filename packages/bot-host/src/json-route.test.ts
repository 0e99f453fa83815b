import { afterEach, describe, expect, it } from '@jest/globals';
import { type BotHost, createBotHost, databaseHealth } from './bot-host.js';
import { type JsonEndpoint, type JsonRequest, jsonRoute } from './json-route.js';

type HealthCheck = () => Promise<unknown>;

const hosts: BotHost[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

interface Started {
  readonly url: string;
  readonly port: number;
  readonly requests: JsonRequest[];
  readonly errors: unknown[];
}

async function start(
  options: {
    endpoint?: JsonEndpoint;
    checkHealth?: HealthCheck;
    port?: number;
  } = {},
): Promise<Started> {
  const requests: JsonRequest[] = [];
  const errors: unknown[] = [];
  const endpoint: JsonEndpoint =
    options.endpoint ??
    (async (request, reply) => {
      requests.push(request);
      reply(200, { ok: true });
    });
  const host = createBotHost({ port: options.port ?? 0, host: '127.0.0.1' });
  hosts.push(host);
  host.route(
    'POST',
    '/api/messages',
    jsonRoute(endpoint, (error) => errors.push(error)),
  );
  host.addHealthCheck('database', databaseHealth(options.checkHealth ?? (async () => undefined)));
  const port = await host.listen();
  return { url: `http://127.0.0.1:${port}`, port, requests, errors };
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe("a JSON route on the bot host (Teams' /api/messages)", () => {
  it('passes a POST to /api/messages, headers and parsed body, to the endpoint', async () => {
    const { url, requests } = await start();
    const activity = { type: 'message', text: 'hi' };
    const response = await post(url, JSON.stringify(activity), { authorization: 'Bearer t' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual(activity);
    expect(requests[0]?.headers['authorization']).toBe('Bearer t');
    expect(requests[0]?.headers['content-type']).toBe('application/json');
  });

  it("answers with the endpoint's status and body", async () => {
    const { url } = await start({
      endpoint: async (_request, reply) => reply(401, 'Unauthorized'),
    });
    const refused = await post(url, '{}');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await refused.text()).toBe('Unauthorized');
    const empty = await start({ endpoint: async (_request, reply) => reply(202) });
    const accepted = await post(empty.url, '{}');
    expect(accepted.status).toBe(202);
    expect(await accepted.text()).toBe('');
  });

  it('ignores a query string', async () => {
    const { url, requests } = await start();
    const response = await fetch(`${url}/api/messages?x=1`, { method: 'POST', body: '[1]' });
    expect(response.status).toBe(200);
    expect(requests[0]?.body).toEqual([1]);
  });

  it('refuses a body that is not JSON', async () => {
    const { url, requests } = await start();
    for (const body of ['{not json', '']) {
      const response = await post(url, body);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe('Request body is not JSON');
    }
    expect(requests).toEqual([]);
  });

  it('refuses a body over 1 MB', async () => {
    const { url, requests } = await start();
    const body = JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024) });
    const response = await post(url, body);
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('Request body too large');
    expect(requests).toEqual([]);
  });

  it('accepts a body of just under 1 MB', async () => {
    const { url, requests } = await start();
    const text = 'x'.repeat(1024 * 1024 - 100);
    const response = await post(url, JSON.stringify({ type: 'message', text }));
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(1);
  });

  it('allows only POST on /api/messages and nothing elsewhere', async () => {
    const { url, requests } = await start();
    expect((await fetch(`${url}/api/messages`)).status).toBe(405);
    expect((await fetch(`${url}/api/messages`, { method: 'PUT', body: '{}' })).status).toBe(405);
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${url}/api/messages/x`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${url}/healthz`, { method: 'POST', body: '{}' })).status).toBe(405);
    expect(requests).toEqual([]);
  });

  it('answers 500 and reports the error when the endpoint throws', async () => {
    const failure = new Error('boom');
    const { url, errors } = await start({
      endpoint: async () => {
        throw failure;
      },
    });
    expect((await post(url, '{}')).status).toBe(500);
    expect(errors).toEqual([failure]);
  });

  it('reports healthy when the database responds', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${url}/healthz?probe=1`)).status).toBe(200);
  });

  it('reports unavailable when the health check fails', async () => {
    const { url } = await start({
      checkHealth: () => Promise.reject(new Error('connection refused')),
    });
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      reason: 'database_unavailable',
    });
  });

  it('rejects when the port is taken', async () => {
    const { port } = await start();
    await expect(start({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
