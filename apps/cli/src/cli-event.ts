import type { RetryNotice } from '@knowhow/sources';
import type { Logger } from 'pino';

/**
 * What the command line logs beside the core's typed events (forwardEvents), every name
 * declared here once: names, counts and reasons, never a question's or a document's text.
 */
export type CliEvent =
  | { type: 'store.migrated'; migration: string }
  | ({ type: 'sync.retry'; source: string } & RetryNotice)
  | { type: 'knowledge.sample_collection'; collections: readonly string[] }
  | { type: 'bots.keyword_search_only'; code: string; problem: string }
  | { type: 'chat.started'; interactive: boolean };

/** Failures logged with their error (serialized without statement parameters: logger.ts). */
export type CliFailure =
  | 'postgres.pool_error'
  | 'process.unhandled_rejection'
  | 'http.request_failed'
  | 'sync.config_failed';

export interface CliLog {
  info(event: CliEvent): void;
  warn(event: CliEvent): void;
  failed(type: CliFailure, error: unknown): void;
}

export function cliLog(logger: Pick<Logger, 'info' | 'warn' | 'error'>): CliLog {
  return {
    info: (event) => logger.info(event, event.type),
    warn: (event) => logger.warn(event, event.type),
    failed: (type, error) => logger.error({ type, err: error }, type),
  };
}

/** A source's HTTP retry (a 429 or 503 waited out), for syncTargets. */
export function logRetry(logger: Pick<Logger, 'info' | 'warn' | 'error'>) {
  const log = cliLog(logger);
  return (source: string, notice: RetryNotice) =>
    log.info({ type: 'sync.retry', source, ...notice });
}
