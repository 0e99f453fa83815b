import type {
  AnswerQuestion,
  Ask,
  ConversationStore,
  InFlight,
  PlatformRetry,
} from '@knowhow/rag-core';
import type { TeamsBotConfig } from './env.js';

type LogMethod = (fields: object, message: string) => void;

/** The structural part of a pino logger the bot uses. */
export interface BotLogger {
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
}

/** What the command line hands the bot: the answer pipeline and the bots' shared store. */
export interface TeamsBotDependencies {
  readonly ask: Ask;
  readonly conversations: ConversationStore;
  /** Rejects when the bot cannot answer (the database is unreachable). */
  readonly checkHealth: () => Promise<unknown>;
  readonly logger: BotLogger;
}

/** Everything a turn handler needs. */
export interface TeamsServices extends TeamsBotDependencies {
  readonly config: TeamsBotConfig;
  readonly inFlight: InFlight;
  /** Sends that deliver an answer: retried through 429s and outages within a time budget. */
  readonly retry: PlatformRetry;
  /** The conversation lifecycle, bound to this bot's store, limits and logger. */
  readonly answerQuestion: AnswerQuestion;
}
