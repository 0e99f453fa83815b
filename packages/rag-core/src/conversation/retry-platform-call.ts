import { setTimeout as sleep } from 'node:timers/promises';
import { asKnowhowError, type KnowhowError } from '../errors.js';

export interface PlatformRetryOptions {
  /** The platform's own failures as KnowhowErrors (a 429 with its Retry-After, a 5xx). */
  readonly classify: (error: unknown) => KnowhowError | undefined;
  /** How long one call may keep trying: a computed answer is worth waiting for. */
  readonly budgetMs?: number;
  /** Told of each failure that is retried (metrics, logs). */
  readonly onRetry?: (failure: KnowhowError, waitMs: number) => void;
}

/** A call to a chat platform, tried again while it fails for a passing reason. */
export type PlatformRetry = <T>(work: () => Promise<T>) => Promise<T>;

const transient = new Set(['platform_rate_limited', 'platform_unreachable']);

/**
 * Retries by a time budget, not a count: a 429 waits as long as its Retry-After asks, an
 * outage backs off (0.25 s doubling to 8 s), until the budget would be overrun. What finally
 * fails is thrown as the platform's KnowhowError, so a rate limit is reported as one.
 */
export function createPlatformRetry({
  classify,
  budgetMs = 60_000,
  onRetry,
}: PlatformRetryOptions): PlatformRetry {
  return async (work) => {
    const deadline = Date.now() + budgetMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        const failure = asKnowhowError(error, classify);
        const waitMs =
          failure.retryAfterSeconds !== undefined
            ? failure.retryAfterSeconds * 1000
            : Math.min(8000, 250 * 2 ** attempt);
        if (!transient.has(failure.code) || Date.now() + waitMs > deadline) throw failure;
        onRetry?.(failure, waitMs);
        await sleep(waitMs);
      }
    }
  };
}
