import {
  type AnswerQuestion,
  type Ask,
  type ConversationStore,
  createConversation,
  createPlatformRetry,
  type EventLogger,
  InFlight,
  type KnowhowError,
  logTo,
  type PlatformRetry,
  RateLimiter,
} from '@knowhow/rag-core';
import type { BotHost } from './bot-host.js';

type LogMethod = (fields: object, message: string) => void;

/** The structural part of a pino logger a bot uses. */
export interface BotLogger extends EventLogger {
  readonly debug: LogMethod;
  /** Where a chat SDK's verbose output goes (it can hold message text). */
  readonly trace?: LogMethod;
  /** pino's; tells whether such verbose output would be kept at all. */
  readonly isLevelEnabled?: (level: string) => boolean;
}

/** What the command line hands a chat bot: the answer pipeline and the bots' shared store. */
export interface ChatBotDependencies {
  readonly ask: Ask;
  readonly conversations: ConversationStore;
  /** Rejects when the bot cannot answer (the database is unreachable). */
  readonly checkHealth: () => Promise<unknown>;
  readonly logger: BotLogger;
  /** The process's HTTP host; a bot without one makes its own on its configured port. */
  readonly host?: BotHost;
}

/** What every chat bot runs on, bound once at its start. */
export interface ChatCore {
  readonly inFlight: InFlight;
  /** The conversation lifecycle, logging to the bot's logger and the host's metrics. */
  readonly answerQuestion: AnswerQuestion;
  /** Calls that deliver an answer: retried through 429s and outages within a time budget. */
  readonly retry: PlatformRetry;
}

/** Binds the lifecycle, graceful-stop tracking and platform retries for one chat platform. */
export function createChatCore(options: {
  readonly platform: string;
  readonly host: BotHost;
  readonly dependencies: ChatBotDependencies;
  readonly rateLimitPerMinute: number;
  readonly classify: (error: unknown) => KnowhowError | undefined;
  /** Turns kept for platforms that cannot read their history back. */
  readonly storedTurns?: number;
}): ChatCore {
  const { platform, host, dependencies } = options;
  const { logger } = dependencies;
  const inFlight = new InFlight();
  const events = logTo(logger);
  const answerQuestion = createConversation(
    {
      ask: dependencies.ask,
      conversations: dependencies.conversations,
      limiter: new RateLimiter(options.rateLimitPerMinute),
      signal: inFlight.signal,
      log: (event) => {
        events(event);
        host.metrics.observe(event);
      },
    },
    options.storedTurns === undefined ? {} : { storedTurns: options.storedTurns },
  );
  const retry = createPlatformRetry({
    classify: options.classify,
    onRetry: (failure, waitMs) => {
      if (failure.code === 'platform_rate_limited') host.metrics.platformRateLimited(platform);
      logger.info({ platform, code: failure.code, waitMs }, 'platform.call_retried');
    },
  });
  return { inFlight, answerQuestion, retry };
}
