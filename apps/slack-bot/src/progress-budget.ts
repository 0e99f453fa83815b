/**
 * How many progress updates (chat.update of an answer being written) the whole bot may send:
 * Slack allows about 50 chat.update calls a minute per workspace, and final answers need
 * some of them. When Slack says "rate limited", progress pauses for as long as it asks.
 * A skipped progress update costs nothing: the next one shows more, the final one all.
 */
export class ProgressBudget {
  readonly #perMinute: number;
  readonly #sent: number[] = [];
  #pausedUntil = 0;

  constructor(perMinute = 30) {
    this.#perMinute = perMinute;
  }

  /** Counts an update if one may be sent now. */
  take(now = Date.now()): boolean {
    if (now < this.#pausedUntil) return false;
    while ((this.#sent[0] ?? now) <= now - 60_000) this.#sent.shift();
    if (this.#sent.length >= this.#perMinute) return false;
    this.#sent.push(now);
    return true;
  }

  pause(seconds: number, now = Date.now()): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, now + seconds * 1000);
  }
}
