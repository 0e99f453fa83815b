/**
 * The work being done (every listener run), so a stopping bot can finish it: it waits up to a
 * grace period, then cancels the answers still being written (their messages say so) and
 * waits a little longer for those messages, then gives up so the process can exit.
 */
export class InFlight {
  readonly #work = new Set<Promise<unknown>>();
  readonly #controller = new AbortController();
  readonly #onIdle: (() => void) | undefined;

  /** `onIdle`: called each time the last piece of work in progress ends. */
  constructor(options: { readonly onIdle?: () => void } = {}) {
    this.#onIdle = options.onIdle;
  }

  /** Aborted when the grace period is over. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get size(): number {
    return this.#work.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.#work.add(work);
    void work
      .finally(() => {
        this.#work.delete(work);
        if (this.#work.size === 0) this.#onIdle?.();
      })
      .catch(() => undefined);
    return work;
  }

  /** Resolves with the number of pieces of work abandoned (0 when all finished). */
  async drain(graceMs: number, afterCancelMs = 5000): Promise<number> {
    if (!(await this.#settledWithin(graceMs))) {
      this.#controller.abort();
      if (!(await this.#settledWithin(afterCancelMs))) return this.#work.size;
    }
    return 0;
  }

  // Work that starts while waiting (a request that was already being read) is waited for too.
  async #settledWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (this.#work.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), remaining);
      });
      const settled = Promise.allSettled([...this.#work]).then(() => true as const);
      const outcome = await Promise.race([settled, timeout]);
      clearTimeout(timer);
      if (!outcome) return false;
    }
    return true;
  }
}
