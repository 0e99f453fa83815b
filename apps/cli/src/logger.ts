import type { Log, LogEvent } from '@knowhow/rag-core';
import { type Logger, pino } from 'pino';

/** JSON logs on stderr, so stdout stays for results (`--json`). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'knowhow-cli' } }, pino.destination(2));
}

const warnings: ReadonlySet<LogEvent['type']> = new Set([
  'embeddings.unavailable',
  'embeddings.query_failed',
  'ask.failed',
  'ask.callback_failed',
]);

/** Forwards the core's typed events to pino: problems at warn, the rest at info or debug. */
export function forwardEvents(logger: Logger): Log {
  return (event) => {
    if (warnings.has(event.type) || ('outcome' in event && event.outcome === 'failed')) {
      logger.warn(event, event.type);
    } else if (event.type === 'embeddings.batch') {
      logger.debug(event, event.type);
    } else {
      logger.info(event, event.type);
    }
  };
}
