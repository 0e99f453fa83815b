import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { InFlight } from './in-flight.js';

describe('InFlight', () => {
  it('waits for work in progress to finish', async () => {
    const inFlight = new InFlight();
    let done = false;
    void inFlight.track(sleep(30).then(() => (done = true)));
    expect(inFlight.size).toBe(1);
    expect(await inFlight.drain(1000)).toBe(0);
    expect(done).toBe(true);
    expect(inFlight.signal.aborted).toBe(false);
  });

  it('cancels work that outlasts the grace period, then waits for it to wind up', async () => {
    const inFlight = new InFlight();
    const cancellable = new Promise<string>((resolve) =>
      inFlight.signal.addEventListener('abort', () => resolve('cancelled')),
    );
    void inFlight.track(cancellable);
    expect(await inFlight.drain(20)).toBe(0);
    expect(inFlight.signal.aborted).toBe(true);
    expect(await cancellable).toBe('cancelled');
  });

  it('also waits for work that starts while it waits', async () => {
    const inFlight = new InFlight();
    let later = false;
    void inFlight.track(
      sleep(20).then(() => {
        void inFlight.track(sleep(20).then(() => (later = true)));
      }),
    );
    expect(await inFlight.drain(1000)).toBe(0);
    expect(later).toBe(true);
  });

  it('gives up on work that ignores cancelling', async () => {
    const inFlight = new InFlight();
    void inFlight.track(new Promise(() => undefined));
    expect(await inFlight.drain(10, 20)).toBe(1);
  });

  it('forgets failed work too', async () => {
    const inFlight = new InFlight();
    await expect(inFlight.track(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await sleep(0);
    expect(inFlight.size).toBe(0);
  });
});
