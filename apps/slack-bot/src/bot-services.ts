import type { Ask, ConversationStore } from '@knowhow/rag-core';
import type { SlackBotConfig } from './env.js';
import type { InFlight } from './in-flight.js';
import type { RateLimiter } from './rate-limiter.js';

type LogMethod = (fields: object, message: string) => void;

/** The structural part of a pino logger the bot uses. */
export interface BotLogger {
  readonly trace: LogMethod;
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
}

/** What the command line hands the bot: the answer pipeline and the bots' shared store. */
export interface SlackBotDependencies {
  readonly ask: Ask;
  readonly conversations: ConversationStore;
  /** Rejects when the bot cannot answer (the database is unreachable). */
  readonly checkHealth: () => Promise<unknown>;
  readonly logger: BotLogger;
}

/** Everything a listener needs. */
export interface BotServices extends SlackBotDependencies {
  readonly config: SlackBotConfig;
  readonly limiter: RateLimiter;
  readonly inFlight: InFlight;
}
