import { describe, expect, it } from '@jest/globals';
import { MemoryRelease } from './release-memory.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MemoryRelease', () => {
  it('collects once every member has stayed idle, not while one is busy', async () => {
    let collected = 0;
    let busy = false;
    const memory = new MemoryRelease({
      idleMs: 20,
      minIntervalMs: 0,
      collect: () => (collected += 1),
    });
    const leaveSlack = memory.join(() => true);
    const leaveTeams = memory.join(() => !busy);
    memory.idle();
    memory.idle();
    await wait(60);
    expect(collected).toBe(1);
    busy = true;
    memory.idle();
    await wait(60);
    expect(collected).toBe(1);
    leaveSlack();
    leaveTeams();
  });

  it('collects at most once per interval, the last burst included', async () => {
    let collected = 0;
    const memory = new MemoryRelease({
      idleMs: 10,
      minIntervalMs: 150,
      collect: () => (collected += 1),
    });
    const leave = memory.join(() => true);
    memory.idle();
    await wait(40);
    memory.idle();
    await wait(40);
    expect(collected).toBe(1);
    await wait(150);
    expect(collected).toBe(2);
    leave();
  });

  it('stops for good once the last member has left', async () => {
    let collected = 0;
    const memory = new MemoryRelease({ idleMs: 10, collect: () => (collected += 1) });
    const leave = memory.join(() => true);
    memory.idle();
    leave();
    // Work drained after stopping reports idle again: nothing is scheduled any more.
    memory.idle();
    await wait(40);
    expect(collected).toBe(0);
  });
});
