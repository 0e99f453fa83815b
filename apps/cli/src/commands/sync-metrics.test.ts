import { afterEach, describe, expect, it } from '@jest/globals';
import { type BotHost, createBotHost } from '@knowhow/bot-host';
import { watchSync } from './sync-metrics.js';

const hosts: BotHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

const pass = (source: string, status: 'ok' | 'partial' | 'failed', added: number) =>
  ({
    type: 'sync.finished',
    source,
    status,
    added,
    updated: 0,
    deleted: 0,
    unchanged: 3,
    failed: status === 'partial' ? 1 : 0,
    durationMs: 2_500,
  }) as const;

describe('scheduled sync on /metrics and /healthz', () => {
  it('counts passes and items by source, and is healthy while the schedule makes rounds', async () => {
    let clock = 1_000_000;
    const host = createBotHost({ port: 0, host: '127.0.0.1' });
    hosts.push(host);
    const port = await host.listen();
    const metrics = watchSync(host, 60_000, () => clock);
    for (const event of [
      pass('wiki', 'ok', 2),
      pass('wiki', 'partial', 0),
      pass('intranet', 'failed', 0),
    ]) {
      // As knowhow start wires it: the host counts runs and items, watchSync the rest.
      host.metrics.observe(event);
      metrics.observe(event);
    }
    metrics.observe({ type: 'sync.busy', source: 'wiki' });
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toContain('knowhow_sync_runs_total{source="wiki",status="ok"} 1');
    expect(text).toContain('knowhow_sync_runs_total{source="wiki",status="partial"} 1');
    expect(text).toContain('knowhow_sync_runs_total{source="intranet",status="failed"} 1');
    expect(text).toContain('knowhow_sync_items_total{source="wiki",outcome="added"} 2');
    expect(text).toContain('knowhow_sync_items_total{source="wiki",outcome="unchanged"} 6');
    expect(text).toContain('knowhow_sync_items_total{source="wiki",outcome="failed"} 1');
    expect(text).toContain('knowhow_sync_duration_seconds_count{source="wiki"} 2');
    expect(text).toContain('knowhow_sync_last_success_timestamp_seconds{source="wiki"} 1000');
    expect(text).not.toContain('knowhow_sync_last_success_timestamp_seconds{source="intranet"}');
    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: response.status, body: await response.json() };
    };
    // A failing source shows in the metrics; the bot keeps answering, so it stays healthy.
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
    clock += 3 * 60_000 + 10 * 60_000 + 1;
    expect(await health()).toEqual({
      status: 503,
      body: { status: 'unavailable', reason: 'sync_stalled' },
    });
    metrics.round();
    expect((await health()).status).toBe(200);
  });
});
