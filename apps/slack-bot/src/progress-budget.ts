import { RateLimiter } from '@knowhow/rag-core';

/**
 * How many progress updates (chat.update of an answer being written) the whole bot may send:
 * Slack allows about 50 chat.update calls a minute per workspace, and final answers need
 * some of them. When Slack says "rate limited", progress pauses for as long as it asks.
 * A skipped progress update costs nothing: the next one shows more, the final one all.
 */
export class ProgressBudget {
  readonly #window: RateLimiter;
  #pausedUntil = 0;

  constructor(perMinute = 30) {
    this.#window = new RateLimiter(perMinute);
  }

  /** Counts an update if one may be sent now. */
  take(now = Date.now()): boolean {
    return now >= this.#pausedUntil && this.#window.take('progress', now).allowed;
  }

  pause(seconds: number, now = Date.now()): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, now + seconds * 1000);
  }
}
