/**
 * Gives a bot's memory back once start-up or a burst of questions is over. V8 collects the garbage of
 * answered questions late: after 200 questions a bot held 1.5x its idle memory for ~10 s
 * (its memory reducer's delay), all of it garbage (docs/benchmarks.md, "Lean"). One full
 * collection a second after the last answer returns it (~0.1 s for a 60 MB heap); at most one
 * per `minIntervalMs`.
 * Works only when node runs with `--expose-gc` (the `knowhow` command starts bots so).
 */
export function createMemoryRelease(
  options: {
    readonly idleMs?: number;
    readonly minIntervalMs?: number;
    readonly collect?: (() => void) | undefined;
    readonly isIdle?: () => boolean;
  } = {},
): { readonly idle: () => void; readonly stop: () => void } {
  const { idleMs = 1000, minIntervalMs = 3000, isIdle = () => true } = options;
  const collect = 'collect' in options ? options.collect : exposedCollector();
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  const run = () => {
    timer = undefined;
    if (!isIdle()) return;
    last = Date.now();
    collect?.();
  };
  return {
    idle() {
      if (!collect || timer) return;
      const wait = Math.max(idleMs, last + minIntervalMs - Date.now());
      timer = setTimeout(run, wait);
      timer.unref();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
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
