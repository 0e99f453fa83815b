/**
 * Shows an answer as it is written by updating one message, at most once per interval and
 * never with two updates in flight (Slack allows about one update a second per message). A
 * failed update is reported and the next one tried: the final message is what matters.
 */
export interface MessageStreamer {
  /** Adds generated text. */
  push(piece: string): void;
  /** Stops updating; resolves once no update is in flight. */
  finish(): Promise<void>;
}

export function streamToMessage(
  /** Resolves `false` when it could show nothing of the text yet. */
  update: (textSoFar: string) => Promise<unknown>,
  options: {
    readonly intervalMs: number;
    /** Until the first update; 0 shows the first words at once. Default: the interval. */
    readonly firstDelayMs?: number;
    readonly onError: (error: unknown) => void;
  },
): MessageStreamer {
  let text = '';
  let shown = '';
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let finished = false;
  let updated = false;

  const flush = () => {
    timer = undefined;
    if (finished || text === shown) return;
    const snapshot = text;
    const first = !updated;
    updated = true;
    inFlight = update(snapshot).then(
      (result) => {
        // `false`: nothing could be shown yet (half a word); the first update is still due.
        if (result === false) {
          if (first) updated = false;
          return;
        }
        shown = snapshot;
        schedule();
      },
      (error: unknown) => {
        options.onError(error);
        schedule();
      },
    );
  };
  const schedule = () => {
    if (!finished && timer === undefined && text !== shown) {
      const delay =
        shown === '' && !updated
          ? (options.firstDelayMs ?? options.intervalMs)
          : options.intervalMs;
      timer = setTimeout(flush, delay);
    }
  };

  return {
    push(piece) {
      text += piece;
      // An update in flight reschedules when it settles; one that showed nothing waits for this.
      void inFlight.then(schedule);
    },
    async finish() {
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      await inFlight;
    },
  };
}
