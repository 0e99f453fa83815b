import type { EventLogger } from '@knowhow/rag-core';
import type { BotEvent } from './bot-event.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Logs a bot's events at the level the caller chooses, the event's type as the message. */
export type BotEventLog = Readonly<Record<Level, (event: BotEvent, error?: unknown) => void>>;

export function botEventLog(
  logger: EventLogger & { readonly debug: EventLogger['info'] },
  reasonOf: (error: unknown) => string,
): BotEventLog {
  const at =
    (level: Level) =>
    (event: BotEvent, error?: unknown): void => {
      const fields =
        error === undefined
          ? event
          : { ...event, reason: reasonOf(error), ...(level === 'error' ? { err: error } : {}) };
      logger[level](fields, event.type);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
