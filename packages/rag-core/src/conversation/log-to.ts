import type { ConversationEvent, Log } from '../log-event.js';

type LogMethod = (fields: object, message: string) => void;

/** The part of a pino logger a bot hands the lifecycle. */
export interface EventLogger {
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
}

const levels: Partial<Record<ConversationEvent['type'], 'warn' | 'error'>> = {
  'conversation.failed': 'error',
  'conversation.step_failed': 'warn',
};

/** Forwards typed events to a logger, the event's type as the message. */
export function logTo(logger: EventLogger): Log {
  return (event) => {
    const level = (levels as Record<string, 'warn' | 'error' | undefined>)[event.type] ?? 'info';
    logger[level](event, event.type);
  };
}
