import { describe, expect, it } from '@jest/globals';
import { createMemoryRelease } from './release-memory.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createMemoryRelease', () => {
  it('collects once the bot has stayed idle, and not while work is in progress', async () => {
    let collected = 0;
    let busy = false;
    const memory = createMemoryRelease({
      idleMs: 20,
      minIntervalMs: 0,
      collect: () => (collected += 1),
      isIdle: () => !busy,
    });
    memory.idle();
    memory.idle();
    await wait(60);
    expect(collected).toBe(1);
    busy = true;
    memory.idle();
    await wait(60);
    expect(collected).toBe(1);
    memory.stop();
  });

  it('collects at most once per interval, the last burst included', async () => {
    let collected = 0;
    const memory = createMemoryRelease({
      idleMs: 10,
      minIntervalMs: 150,
      collect: () => (collected += 1),
    });
    memory.idle();
    await wait(40);
    memory.idle();
    await wait(40);
    expect(collected).toBe(1);
    await wait(150);
    expect(collected).toBe(2);
    memory.stop();
  });

  it('does nothing where node exposes no collector, and stops cleanly', async () => {
    const memory = createMemoryRelease({ idleMs: 1, collect: undefined });
    memory.idle();
    memory.stop();
    await wait(10);
    expect(true).toBe(true);
  });
});
