import type { EventEmitter } from 'node:events';

/**
 * Resolves with the first value `find` returns, checked now and after each of `events` on
 * `emitter`: how the fake services let a test wait for what a bot sends them.
 */
export async function waitForEvent<T>(
  emitter: EventEmitter,
  events: readonly string[],
  find: () => T | undefined,
  timeoutMs: number,
): Promise<T> {
  const found = find();
  if (found !== undefined) return found;
  return new Promise<T>((resolve, reject) => {
    const check = () => {
      const value = find();
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`waitFor: nothing after ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      for (const event of events) emitter.off(event, check);
    };
    for (const event of events) emitter.on(event, check);
  });
}
