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
import type { ChatPlatform, ReportedFailure, StartedEvent } from './bot-event.js';
import { type BotEventLog, botEventLog } from './bot-event-log.js';
import { type BotHost, createBotHost, databaseHealth, type RouteHandler } from './bot-host.js';
import { processMemory } from './release-memory.js';

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

/** What the host reads of a bot's configuration. */
export interface BotSettings {
  readonly rateLimitPerMinute: number;
  /** The bot's own host's port, when the process gives it none. */
  readonly port: number;
}

export interface ChatBotOptions<Config extends BotSettings> {
  readonly platform: ChatPlatform;
  readonly vocabulary: PlatformVocabulary;
  readonly config: Config;
  /** The interface the bot's own host listens on; default every one. */
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
export interface ChatBot<Config extends BotSettings = BotSettings> {
  readonly config: Config;
  readonly host: BotHost;
  /** The bot's events (`BotEvent`); a chat SDK's own logger gets `dependencies.logger`. */
  readonly log: BotEventLog;
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
  /**
   * Stores a verdict on an answer, named by its id or by a message that carries it (linked
   * under the conversation's scope); false when the answer is not on record.
   */
  saveFeedback(
    feedback: Omit<FeedbackInput, 'platform' | 'answerId'> &
      ({ readonly answerId: string } | { readonly scopeId: string; readonly messageId: string }),
  ): Promise<boolean>;
  /** Logs a failure with a reference and tells the user through `tell`, whose failure is logged. */
  reportFailure(
    event: ReportedFailure,
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
    readonly fields?: Omit<StartedEvent, 'type' | 'port'>;
  }): Promise<RunningChatBot>;
  stop(graceMs?: number, disconnect?: () => Promise<unknown>): Promise<void>;
}

// Platforms retry a delivery for minutes to an hour: a day of ids is ample. A follow-up a
// week later is a new question: older stored turns are deleted.
const eventMemoryMs = 24 * 60 * 60 * 1000;
const turnMemoryMs = 7 * 24 * 60 * 60 * 1000;
const cleanupIntervalMs = 60 * 60 * 1000;

export function createChatBot<Config extends BotSettings>(
  dependencies: ChatBotDependencies,
  options: ChatBotOptions<Config>,
): ChatBot<Config> {
  const { platform, vocabulary, config } = options;
  const { logger, conversations } = dependencies;
  const log = botEventLog(logger, vocabulary.reasonOf);
  const own = dependencies.host === undefined;
  const host =
    dependencies.host ??
    createBotHost({ port: config.port, ...(options.listenOn ? { host: options.listenOn } : {}) });
  host.addHealthCheck('database', databaseHealth(dependencies.checkHealth));
  const inFlight = new InFlight({ onIdle: () => processMemory.idle() });
  const leaveMemoryRelease = processMemory.join(() => inFlight.size === 0);
  const events = logTo(logger);
  const answerQuestion = createConversation(
    {
      ask: dependencies.ask,
      conversations,
      limiter: new RateLimiter(config.rateLimitPerMinute),
      vocabulary,
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
      log.info({ type: 'platform.call_retried', platform, code: failure.code, waitMs });
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
    log.debug({ type: `${platform}.forgotten`, events, turns });
  };
  const stop = async (graceMs = 20_000, disconnect?: () => Promise<unknown>) => {
    clearInterval(cleanup);
    leaveMemoryRelease();
    stopping = true;
    await disconnect?.();
    log.info({ type: `${platform}.stopping`, inFlight: inFlight.size });
    const abandoned = await inFlight.drain(graceMs);
    if (own) await host.close();
    log.info({ type: `${platform}.stopped`, abandoned });
  };
  return {
    config,
    host,
    log,
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
    async saveFeedback({ userId, verdict, comment, ...on }) {
      const answerId =
        'answerId' in on
          ? on.answerId
          : await fromDatabase(
              conversations.answerIdForMessage(platform, on.scopeId, on.messageId),
            );
      const saved =
        answerId !== undefined &&
        (await fromDatabase(
          conversations.saveFeedback({
            answerId,
            platform,
            userId,
            verdict,
            ...(comment ? { comment } : {}),
          }),
        ));
      const fields = { answerId, user: userId, verdict, saved, comment: comment !== undefined };
      if (saved) log.info({ type: `${platform}.feedback`, ...fields });
      else log.warn({ type: `${platform}.feedback_for_unknown_answer`, ...fields });
      return saved;
    },
    async reportFailure(event, error, tell) {
      const reference = newReference();
      log.error({ ...event, reference }, error);
      try {
        await tell(vocabulary.reasonOf(error), reference);
      } catch (reportError) {
        log.error({ type: `${platform}.failure_report_failed`, reference }, reportError);
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
      log.info({ type: `${platform}.started`, ...fields, port: host.port });
      // Start-up's garbage (migrations, the model's session) goes back too, before questions.
      processMemory.idle();
      cleanup = setInterval(() => {
        forget().catch((error: unknown) => log.warn({ type: `${platform}.cleanup_failed` }, error));
      }, cleanupIntervalMs);
      cleanup.unref();
      return { port: host.port, stop: (graceMs) => stop(graceMs, disconnect) };
    },
  };
}

function startFailure(
  error: unknown,
  platform: ChatPlatform,
  options: ChatBotOptions<BotSettings>,
): KnowhowError {
  const inUse = (error as { code?: unknown } | undefined)?.code === 'EADDRINUSE';
  const message = inUse
    ? `port ${options.config.port} is already in use: set ${options.portVariable} (or PORT) to a free port`
    : `the ${platform.charAt(0).toUpperCase()}${platform.slice(1)} bot could not start: ${describeError(error)}`;
  return new KnowhowError('chat_platform_failed', message, { cause: error });
}
