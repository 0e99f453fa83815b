import {
  type AnswerQuestion,
  type Ask,
  type ConversationStore,
  createConversation,
  createPlatformRetry,
  describeError,
  type EventLogger,
  type FeedbackInput,
  fromDatabase,
  InFlight,
  KnowhowError,
  logTo,
  newReference,
  type PlatformRetry,
  type PlatformVocabulary,
  RateLimiter,
} from '@knowhow/rag-core';
import { type BotHost, createBotHost, databaseHealth, type RouteHandler } from './bot-host.js';

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

export interface ChatBotOptions {
  readonly platform: string;
  readonly vocabulary: PlatformVocabulary;
  readonly rateLimitPerMinute: number;
  /** The bot's own host, when the process gives it none: its port and interface. */
  readonly port: number;
  readonly listenOn?: string;
  /** Named when the port is taken: the variable to change. */
  readonly portVariable: string;
  /** Turns kept for platforms that cannot read their history back (and forgotten after a week). */
  readonly storedTurns?: number;
}

/** A started bot, as the command line holds it. */
export interface RunningChatBot {
  /** The HTTP port listened on: the platform's requests, /healthz and /metrics. */
  readonly port: number | undefined;
  /** Stops receiving, lets work in progress finish (up to `graceMs`), then stops. */
  stop(graceMs?: number): Promise<void>;
}

/** Everything a chat bot runs on, bound once at its start; the platform adds its listeners. */
export interface ChatBot {
  readonly host: BotHost;
  readonly logger: BotLogger;
  readonly conversations: ConversationStore;
  readonly inFlight: InFlight;
  /** The conversation lifecycle, logging to the bot's logger and the host's metrics. */
  readonly answerQuestion: AnswerQuestion;
  /** Calls that deliver an answer: retried through 429s and outages within a time budget. */
  readonly retry: PlatformRetry;
  /** The platform's word for any failure (`slack_not_in_channel`, `database_unavailable`). */
  readonly reasonOf: (error: unknown) => string;
  /** A POST route that turns requests away with 503 once stopping: the platform retries them. */
  receive(path: string, handler: RouteHandler): void;
  /** Stores a verdict; false when the answer is not on record. */
  saveFeedback(feedback: Omit<FeedbackInput, 'platform'>): Promise<boolean>;
  /** Logs a failure with a reference and tells the user through `tell`, whose failure is logged. */
  reportFailure(
    event: string,
    fields: object,
    error: unknown,
    tell: (reason: string, reference: string) => Promise<unknown>,
  ): Promise<void>;
  /**
   * Runs `connect`, listens (on its own host), then `connected`; says what to fix on failure.
   * Stopping runs `disconnect` first.
   */
  start(steps: {
    readonly connect?: () => Promise<unknown>;
    readonly connected?: () => Promise<unknown>;
    readonly disconnect?: () => Promise<unknown>;
    readonly explain?: (error: unknown) => KnowhowError | undefined;
    readonly fields?: object;
  }): Promise<RunningChatBot>;
  stop(graceMs?: number, disconnect?: () => Promise<unknown>): Promise<void>;
}

// Platforms retry a delivery for minutes to an hour: a day of ids is ample. A follow-up a
// week later is a new question: older stored turns are deleted.
const eventMemoryMs = 24 * 60 * 60 * 1000;
const turnMemoryMs = 7 * 24 * 60 * 60 * 1000;
const cleanupIntervalMs = 60 * 60 * 1000;

export function createChatBot(dependencies: ChatBotDependencies, options: ChatBotOptions): ChatBot {
  const { platform, vocabulary } = options;
  const { logger, conversations } = dependencies;
  const own = dependencies.host === undefined;
  const host =
    dependencies.host ??
    createBotHost({ port: options.port, ...(options.listenOn ? { host: options.listenOn } : {}) });
  host.addHealthCheck('database', databaseHealth(dependencies.checkHealth));
  const inFlight = new InFlight();
  const events = logTo(logger);
  const answerQuestion = createConversation(
    {
      ask: dependencies.ask,
      conversations,
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
    classify: vocabulary.classify,
    onRetry: (failure, waitMs) => {
      if (failure.code === 'platform_rate_limited') host.metrics.platformRateLimited(platform);
      logger.info({ platform, code: failure.code, waitMs }, 'platform.call_retried');
    },
  });
  let stopping = false;
  let cleanup: NodeJS.Timeout | undefined;
  const forget = async () => {
    const now = Date.now();
    const events = await conversations.forgetEventsBefore(new Date(now - eventMemoryMs));
    const turns =
      options.storedTurns === undefined
        ? 0
        : await conversations.forgetTurnsBefore(new Date(now - turnMemoryMs));
    logger.debug({ events, turns }, `${platform}.forgotten`);
  };
  const stop = async (graceMs = 20_000, disconnect?: () => Promise<unknown>) => {
    clearInterval(cleanup);
    stopping = true;
    await disconnect?.();
    logger.info({ inFlight: inFlight.size }, `${platform}.stopping`);
    const abandoned = await inFlight.drain(graceMs);
    if (own) await host.close();
    logger.info({ abandoned }, `${platform}.stopped`);
  };
  return {
    host,
    logger,
    conversations,
    inFlight,
    answerQuestion,
    retry,
    reasonOf: vocabulary.reasonOf,
    stop,
    receive(path, handler) {
      host.route('POST', path, (request, response) => {
        if (stopping) response.writeHead(503).end();
        else handler(request, response);
      });
    },
    async saveFeedback(feedback) {
      const saved = await fromDatabase(conversations.saveFeedback({ ...feedback, platform }));
      const { answerId, userId: user, verdict, comment } = feedback;
      const fields = { answerId, user, verdict, saved, comment: comment !== undefined };
      if (saved) logger.info(fields, `${platform}.feedback`);
      else logger.warn(fields, `${platform}.feedback_for_unknown_answer`);
      return saved;
    },
    async reportFailure(event, fields, error, tell) {
      const reference = newReference();
      const reason = vocabulary.reasonOf(error);
      logger.error({ ...fields, reference, reason, err: error }, event);
      try {
        await tell(reason, reference);
      } catch (reportError) {
        logger.error({ reference, err: reportError }, `${platform}.failure_report_failed`);
      }
    },
    async start({ connect, connected, disconnect, explain, fields = {} }) {
      try {
        await connect?.();
        if (own) await host.listen();
        await connected?.();
      } catch (error) {
        if (own) await host.close();
        throw explain?.(error) ?? startFailure(error, platform, options);
      }
      logger.info({ ...fields, port: host.port }, `${platform}.started`);
      cleanup = setInterval(() => {
        forget().catch((error: unknown) =>
          logger.warn({ err: error }, `${platform}.cleanup_failed`),
        );
      }, cleanupIntervalMs);
      cleanup.unref();
      return { port: host.port, stop: (graceMs) => stop(graceMs, disconnect) };
    },
  };
}

function startFailure(error: unknown, platform: string, options: ChatBotOptions): KnowhowError {
  const inUse = (error as { code?: unknown } | undefined)?.code === 'EADDRINUSE';
  const message = inUse
    ? `port ${options.port} is already in use: set ${options.portVariable} (or PORT) to a free port`
    : `the ${platform.charAt(0).toUpperCase()}${platform.slice(1)} bot could not start: ${describeError(error)}`;
  return new KnowhowError('chat_platform_failed', message, { cause: error });
}
