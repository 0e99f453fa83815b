/**
 * A sliding window per user: at most `limit` questions in `windowMs`. In memory, per
 * process; a user spread over several bot processes gets that many per process.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #recent = new Map<string, number[]>();

  constructor(limit: number, windowMs = 60_000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts a question; says how long to wait when it is one too many. */
  take(
    user: string,
    now = Date.now(),
  ): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const since = now - this.#windowMs;
    const times = (this.#recent.get(user) ?? []).filter((time) => time > since);
    if (times.length >= this.#limit) {
      this.#recent.set(user, times);
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(((times[0] ?? now) - since) / 1000)),
      };
    }
    times.push(now);
    this.#recent.set(user, times);
    // Forget users who went quiet, so the map stays small.
    if (this.#recent.size > 10_000) {
      for (const [key, value] of this.#recent)
        if ((value.at(-1) ?? 0) <= since) this.#recent.delete(key);
    }
    return { allowed: true };
  }
}
