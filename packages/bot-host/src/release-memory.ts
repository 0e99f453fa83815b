/**
 * Gives a bot's memory back once start-up or a burst of questions is over. V8 collects the
 * garbage of answered questions late: after 200 questions a bot held 1.6x its idle memory for
 * ~10 s (its memory reducer's delay), all of it garbage (docs/benchmarks.md, "Lean"). One
 * collection a second after the last answer returns it (~0.1 s for a 60 MB heap); at most one
 * per `minIntervalMs`. One per process: the bots of one process join it, and it collects only
 * when none of them is answering. Works only when node runs with `--expose-gc` (the `knowhow`
 * command starts bots so); otherwise it does nothing.
 */
export class MemoryRelease {
  readonly #idleMs: number;
  readonly #minIntervalMs: number;
  readonly #collect: (() => void) | undefined;
  readonly #members = new Set<() => boolean>();
  #timer: NodeJS.Timeout | undefined;
  #last = 0;

  constructor(
    options: {
      readonly idleMs?: number;
      readonly minIntervalMs?: number;
      readonly collect?: (() => void) | undefined;
    } = {},
  ) {
    this.#idleMs = options.idleMs ?? 1000;
    this.#minIntervalMs = options.minIntervalMs ?? 3000;
    this.#collect = 'collect' in options ? options.collect : exposedCollector();
  }

  /** `isIdle`: whether the member has no work in progress. Returns how to leave. */
  join(isIdle: () => boolean): () => void {
    this.#members.add(isIdle);
    return () => {
      this.#members.delete(isIdle);
      if (this.#members.size === 0) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  /** A member's work is over: collect soon, unless some member is busy by then. */
  idle(): void {
    if (!this.#collect || this.#timer || this.#members.size === 0) return;
    const wait = Math.max(this.#idleMs, this.#last + this.#minIntervalMs - Date.now());
    this.#timer = setTimeout(() => this.#run(), wait);
    this.#timer.unref();
  }

  #run(): void {
    this.#timer = undefined;
    if ([...this.#members].some((isIdle) => !isIdle())) return;
    this.#last = Date.now();
    this.#collect?.();
  }
}

type ExposedGc = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

// The "last resort" flavour is the collection V8 runs to reduce its footprint: it also shrinks
// the young generation and returns freed pages, where a plain full collection kept them.
function exposedCollector(): (() => void) | undefined {
  const gc = (globalThis as { gc?: ExposedGc }).gc;
  return typeof gc === 'function'
    ? () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' })
    : undefined;
}

/** The process's one release, which every chat bot joins. */
export const processMemory = new MemoryRelease();
