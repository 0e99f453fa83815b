import { afterEach, describe, expect, it } from '@jest/globals';
import { type BotHost, createBotHost, databaseHealth } from './bot-host.js';

const hosts: BotHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

async function started() {
  const host = createBotHost({ port: 0, host: '127.0.0.1' });
  hosts.push(host);
  const port = await host.listen();
  return { host, url: (path: string) => `http://127.0.0.1:${port}${path}` };
}

describe('bot host', () => {
  it('serves the routes each bot adds, after it started listening too', async () => {
    const { host, url } = await started();
    host.route('POST', '/slack/events', (_request, response) => response.end('slack'));
    host.route('POST', '/api/messages', (_request, response) => response.end('teams'));
    const slack = await fetch(url('/slack/events'), { method: 'POST', body: '{}' });
    const teams = await fetch(url('/api/messages?x=1'), { method: 'POST', body: '{}' });
    expect([await slack.text(), await teams.text()]).toEqual(['slack', 'teams']);
    expect((await fetch(url('/api/messages'))).status).toBe(405);
    expect((await fetch(url('/elsewhere'))).status).toBe(404);
  });

  it('is healthy when every check is, and names the first problem otherwise', async () => {
    const { host, url } = await started();
    host.addHealthCheck(
      'database',
      databaseHealth(async () => 1),
    );
    expect(await (await fetch(url('/healthz'))).json()).toEqual({ status: 'ok' });
    host.addHealthCheck('slack', async () => 'slack_disconnected');
    const response = await fetch(url('/healthz'));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', reason: 'slack_disconnected' });
    host.addHealthCheck(
      'database',
      databaseHealth(() => Promise.reject(new Error('down'))),
    );
    expect(await (await fetch(url('/healthz'))).json()).toMatchObject({
      reason: 'database_unavailable',
    });
  });

  it('adds the details it is given to every health report, healthy or not', async () => {
    const { host, url } = await started();
    host.addHealthDetails({ search: 'keyword', problem: 'no model' });
    expect(await (await fetch(url('/healthz'))).json()).toEqual({
      status: 'ok',
      search: 'keyword',
      problem: 'no model',
    });
    host.addHealthCheck('slack', async () => 'slack_disconnected');
    expect(await (await fetch(url('/healthz'))).json()).toEqual({
      status: 'unavailable',
      reason: 'slack_disconnected',
      search: 'keyword',
      problem: 'no model',
    });
  });

  it('serves Prometheus metrics fed from the typed events', async () => {
    const { host, url } = await started();
    const fields = { platform: 'slack', kind: 'mention', conversation: 'C1', user: 'U1' };
    host.metrics.observe({
      type: 'conversation.answered',
      ...fields,
      answerId: 'a',
      status: 'answered',
      durationMs: 1200,
    });
    host.metrics.observe({ type: 'conversation.refused', ...fields, refusal: 'rate_limited' });
    host.metrics.observe({ type: 'ask.failed', answerId: 'b', reason: 'llm_timeout', error: 'x' });
    host.metrics.observe({
      type: 'search',
      mode: 'hybrid',
      hits: 3,
      collections: 0,
      durationMs: 12,
    });
    host.metrics.platformRateLimited('teams');
    host.metrics.observe({
      type: 'sync.finished',
      source: 'wiki',
      status: 'partial',
      ...{ added: 2, updated: 1, deleted: 0, unchanged: 5, failed: 1 },
      durationMs: 900,
    });
    const response = await fetch(url('/metrics'));
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(
      'knowhow_questions_total{platform="slack",kind="mention",status="answered"} 1',
    );
    expect(text).toContain('knowhow_answer_duration_seconds_bucket{le="2",platform="slack"} 1');
    expect(text).toContain('knowhow_rate_limited_total{platform="slack"} 1');
    expect(text).toContain('knowhow_model_errors_total{reason="llm_timeout"} 1');
    expect(text).toContain('knowhow_retrieval_duration_seconds_count{mode="hybrid"} 1');
    expect(text).toContain('knowhow_platform_rate_limited_total{platform="teams"} 1');
    expect(text).toContain('knowhow_sync_runs_total{source="wiki",status="partial"} 1');
    expect(text).toContain('knowhow_sync_items_total{source="wiki",outcome="added"} 2');
    expect(text).toContain('knowhow_sync_items_total{source="wiki",outcome="failed"} 1');
    expect(text).toContain('knowhow_process_resident_memory_bytes');
  });

  it('refuses a port in use', async () => {
    const { host } = await started();
    const second = createBotHost({ port: host.port ?? 0, host: '127.0.0.1' });
    await expect(second.listen()).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
