import type { LogEvent } from '@knowhow/rag-core';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of a bot process, fed from the core's typed events: questions by
 * platform, kind and outcome, answer and retrieval latency, model errors by reason,
 * questions refused over the rate limit, platform calls that Slack or Teams rate-limited, and
 * the results of syncing sources. Others register their own metrics on `registry`.
 */
export interface BotMetrics {
  readonly registry: Registry;
  /** Counts what an event says; events that mean nothing to the metrics are ignored. */
  observe(event: LogEvent): void;
  /** A chat platform answered 429 (even when the retry then succeeded). */
  platformRateLimited(platform: string): void;
}

const seconds = (ms: number) => ms / 1000;

export function createBotMetrics(): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'knowhow_' });
  const registers = [registry];
  const questions = new Counter({
    name: 'knowhow_questions_total',
    help: 'Questions by platform, kind and outcome (an answer status, refused, duplicate or failed).',
    labelNames: ['platform', 'kind', 'status'] as const,
    registers,
  });
  const answerLatency = new Histogram({
    name: 'knowhow_answer_duration_seconds',
    help: 'From receiving a question to its answer being delivered.',
    labelNames: ['platform'] as const,
    buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
    registers,
  });
  const retrievalLatency = new Histogram({
    name: 'knowhow_retrieval_duration_seconds',
    help: 'Searching the knowledge base for one question.',
    labelNames: ['mode'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const modelErrors = new Counter({
    name: 'knowhow_model_errors_total',
    help: 'Answers the language model failed, by reason.',
    labelNames: ['reason'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: 'knowhow_rate_limited_total',
    help: "Questions refused because the asker was over Knowhow's rate limit.",
    labelNames: ['platform'] as const,
    registers,
  });
  const platformLimited = new Counter({
    name: 'knowhow_platform_rate_limited_total',
    help: 'Calls to a chat platform answered 429 (retried within the answer budget).',
    labelNames: ['platform'] as const,
    registers,
  });
  const syncRuns = new Counter({
    name: 'knowhow_sync_runs_total',
    help: 'Syncs of a source, by result (ok, partial, failed, interrupted).',
    labelNames: ['source', 'status'] as const,
    registers,
  });
  const syncItems = new Counter({
    name: 'knowhow_sync_items_total',
    help: 'Items a sync of a source added, updated, deleted, left unchanged or failed on.',
    labelNames: ['source', 'outcome'] as const,
    registers,
  });
  const outcomes = ['added', 'updated', 'deleted', 'unchanged', 'failed'] as const;
  return {
    registry,
    platformRateLimited: (platform) => platformLimited.inc({ platform }),
    observe(event) {
      switch (event.type) {
        case 'conversation.answered':
          questions.inc({ platform: event.platform, kind: event.kind, status: event.status });
          answerLatency.observe({ platform: event.platform }, seconds(event.durationMs));
          return;
        case 'conversation.refused':
          questions.inc({ platform: event.platform, kind: event.kind, status: 'refused' });
          if (event.refusal === 'rate_limited') rateLimited.inc({ platform: event.platform });
          return;
        case 'conversation.duplicate':
          questions.inc({ platform: event.platform, kind: event.kind, status: 'duplicate' });
          return;
        case 'conversation.failed':
          questions.inc({ platform: event.platform, kind: event.kind, status: 'failed' });
          return;
        case 'ask.failed':
          if (event.reason.startsWith('llm_')) modelErrors.inc({ reason: event.reason });
          return;
        case 'search':
          retrievalLatency.observe({ mode: event.mode }, seconds(event.durationMs));
          return;
        case 'sync.finished':
          syncRuns.inc({ source: event.source, status: event.status });
          for (const outcome of outcomes) {
            syncItems.inc({ source: event.source, outcome }, event[outcome]);
          }
          return;
        default:
          return;
      }
    },
  };
}
