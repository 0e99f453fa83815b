import type { BotHost } from '@knowhow/bot-host';
import type { LogEvent } from '@knowhow/rag-core';
import { Gauge, Histogram } from 'prom-client';

/**
 * The scheduled sync on the process's /metrics and /healthz, besides the runs and items the
 * bot host counts from the same events: each pass's duration and the last successful pass;
 * healthy while the schedule keeps making rounds (a failing source is reported in the
 * metrics, it does not stop answering).
 */
export function watchSync(host: BotHost, intervalMs: number, now: () => number = Date.now) {
  const registers = [host.metrics.registry];
  const duration = new Histogram({
    name: 'knowhow_sync_duration_seconds',
    help: 'One pass over one source.',
    labelNames: ['source'] as const,
    buckets: [1, 5, 15, 60, 300, 900, 3600],
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'knowhow_sync_last_success_timestamp_seconds',
    help: 'When the last pass of a source that was ok or partial finished (Unix time).',
    labelNames: ['source'] as const,
    registers,
  });
  let lastRound = now();
  // Rounds run every interval at most, and a long pass delays the next: allow three.
  const stalledAfterMs = 3 * intervalMs + 10 * 60_000;
  host.addHealthCheck('sync', async () =>
    now() - lastRound > stalledAfterMs ? 'sync_stalled' : undefined,
  );
  return {
    observe(event: LogEvent): void {
      if (event.type !== 'sync.finished') return;
      duration.observe({ source: event.source }, event.durationMs / 1000);
      if (event.status === 'ok' || event.status === 'partial')
        lastSuccess.set({ source: event.source }, now() / 1000);
    },
    /** A round of the schedule finished (whatever its sources did). */
    round(): void {
      lastRound = now();
    },
  };
}
