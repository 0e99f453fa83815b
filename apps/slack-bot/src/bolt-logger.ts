import { type Logger, LogLevel } from '@slack/bolt';
import type { BotLogger } from '@knowhow/bot-host';

/**
 * Bolt's logger interface over the app's pino logger. Bolt's debug output includes request
 * bodies (message text), so it goes to trace: never logged unless asked for explicitly, and
 * not even produced otherwise (Bolt builds those lines only at its DEBUG level).
 */
export function boltLogger(logger: BotLogger): Logger {
  const line = (parts: unknown[]) =>
    parts.map((part) => (typeof part === 'string' ? part : String(part))).join(' ');
  const verbose = logger.isLevelEnabled?.('trace') ?? false;
  return {
    debug: (...parts: unknown[]) => logger.trace?.({ source: 'bolt' }, line(parts)),
    info: (...parts: unknown[]) => logger.info({ source: 'bolt' }, line(parts)),
    warn: (...parts: unknown[]) => logger.warn({ source: 'bolt' }, line(parts)),
    error: (...parts: unknown[]) => logger.error({ source: 'bolt' }, line(parts)),
    // The app's LOG_LEVEL decides; Bolt's own level setting is not used.
    setLevel: () => undefined,
    getLevel: () => (verbose ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => undefined,
  };
}
