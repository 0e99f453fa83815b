/**
 * The answers being written, so a stopping bot can finish them: it waits for them up to a
 * grace period, then cancels the rest (their messages say so) and waits for those messages.
 */
export class InFlight {
  readonly #work = new Set<Promise<unknown>>();
  readonly #controller = new AbortController();

  /** Aborted when the grace period is over. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get size(): number {
    return this.#work.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.#work.add(work);
    void work.finally(() => this.#work.delete(work)).catch(() => undefined);
    return work;
  }

  async drain(graceMs: number): Promise<void> {
    const settled = () => Promise.allSettled([...this.#work]);
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([settled(), graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.#controller.abort();
      await settled();
    }
  }
}
