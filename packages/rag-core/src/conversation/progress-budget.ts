import { RateLimiter } from './rate-limiter.js';

/**
 * How many progress updates (edits of an answer being written) a whole bot may send in a
 * minute, where a platform limits edits per workspace and final answers need some of them.
 * When the platform says "rate limited", progress pauses for as long as it asks. A skipped
 * progress update costs nothing: the next one shows more, the final one all.
 */
export class ProgressBudget {
  readonly #window: RateLimiter;
  #pausedUntil = 0;

  constructor(perMinute: number) {
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
