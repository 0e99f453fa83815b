/**
 * The first Ctrl-C (or SIGTERM) asks the running command to stop at its next safe point, such
 * as after the document being written; the second one quits at once. Installed only by
 * commands that have safe points; the others keep Node's default of exiting.
 */
export function stopGracefully(warn: (text: string) => void): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    warn('\nStopping after the current step… (press Ctrl-C again to quit now)');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}
