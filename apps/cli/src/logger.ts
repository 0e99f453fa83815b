import type { Log, LogEvent } from '@knowhow/rag-core';
import { type DestinationStream, type Logger, pino } from 'pino';

/** JSON logs on stderr, so stdout stays for results (`--json`). */
export function createLogger(
  level: string,
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    { level, base: { app: 'knowhow-cli' }, serializers: { err: serializeError } },
    destination,
  );
}

/**
 * An error as its type, code, status and message (and its cause's), nothing else: database
 * errors carry the failed statement's parameters and row detail, which can hold questions,
 * answers and document text.
 */
function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 500) };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  return {
    type: error.name,
    message: error.message.slice(0, 500),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(error.stack ? { stack: error.stack.split('\n').slice(0, 8).join('\n') } : {}),
    ...(error.cause !== undefined && depth < 3
      ? { cause: serializeError(error.cause, depth + 1) }
      : {}),
  };
}

const warnings: ReadonlySet<LogEvent['type']> = new Set([
  'embeddings.unavailable',
  'embeddings.query_failed',
  'ask.failed',
  'ask.callback_failed',
  // Answers go on without them (the question's hits, the fused order), at a cost in quality.
  'rewrite.failed',
  'rerank.failed',
  'rerank.unavailable',
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
