import type {
  AnswerQuestion,
  Ask,
  ConversationStore,
  InFlight,
  PlatformRetry,
} from '@knowhow/rag-core';
import type { webApi } from '@slack/bolt';
import type { SlackBotConfig } from './env.js';
import type { ProgressBudget } from './progress-budget.js';

type LogMethod = (fields: object, message: string) => void;

/** The structural part of a pino logger the bot uses. */
export interface BotLogger {
  readonly trace: LogMethod;
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
  /** pino's; tells whether Bolt's verbose output would be kept at all. */
  readonly isLevelEnabled?: (level: string) => boolean;
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
  readonly inFlight: InFlight;
  /** Calls that deliver an answer: retried through 429s and outages within a time budget. */
  readonly retry: PlatformRetry;
  /** The conversation lifecycle, bound to this bot's store, limits and logger. */
  readonly answerQuestion: AnswerQuestion;
  /** Progress updates go through their own client: never retried or queued behind a 429. */
  readonly progress: { readonly client: webApi.WebClient; readonly budget: ProgressBudget };
}
