import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type MessageStreamer, streamToMessage } from './stream-to-message.js';

// The clock is jest's: timings are exact and a loaded machine cannot reorder them.
beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
});

/** Lets `ms` pass on the fake clock, running what falls due (and the promises it settles). */
const sleep = (ms: number) => jest.advanceTimersByTimeAsync(ms);
const sleepInUpdate = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Finishes the streamer, letting an update in flight complete. */
async function finish(streamer: MessageStreamer): Promise<void> {
  const finished = streamer.finish();
  await jest.runAllTimersAsync();
  await finished;
}

/** An update function that records its calls and how many ran at once. */
function recorder(options: { durationMs?: number; fail?: (call: number) => boolean } = {}) {
  const calls: { text: string; at: number }[] = [];
  let running = 0;
  let maxRunning = 0;
  const update = async (text: string) => {
    calls.push({ text, at: performance.now() });
    const call = calls.length;
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    await sleepInUpdate(options.durationMs ?? 0);
    running -= 1;
    if (options.fail?.(call)) throw new Error(`update ${call} failed`);
  };
  return { update, calls, maxRunning: () => maxRunning, running: () => running };
}

describe('streamToMessage', () => {
  it('waits an interval, then shows all the text pushed so far in one update', async () => {
    const { update, calls } = recorder();
    const started = performance.now();
    const streamer = streamToMessage(update, { intervalMs: 20, onError: () => {} });
    streamer.push('Parents ');
    streamer.push('get ');
    streamer.push('16 weeks.');
    expect(calls).toEqual([]);
    await sleep(60);
    expect(calls.map((call) => call.text)).toEqual(['Parents get 16 weeks.']);
    expect((calls[0]?.at ?? 0) - started).toBe(20);
    await finish(streamer);
  });

  it('updates at most once per interval while text keeps coming', async () => {
    const { update, calls } = recorder();
    const streamer = streamToMessage(update, { intervalMs: 20, onError: () => {} });
    for (let piece = 0; piece < 40; piece += 1) {
      streamer.push(`${piece} `);
      await sleep(3);
    }
    await sleep(50);
    await finish(streamer);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.length).toBeLessThan(20);
    for (let index = 1; index < calls.length; index += 1) {
      const gap = (calls[index]?.at ?? 0) - (calls[index - 1]?.at ?? 0);
      expect(gap).toBeGreaterThanOrEqual(20);
    }
    const texts = calls.map((call) => call.text);
    expect(texts.at(-1)).toBe(Array.from({ length: 40 }, (_, piece) => `${piece} `).join(''));
    // Each update shows more than the one before.
    for (let index = 1; index < texts.length; index += 1) {
      expect(texts[index]?.startsWith(texts[index - 1] ?? '')).toBe(true);
      expect(texts[index]).not.toBe(texts[index - 1]);
    }
  });

  it('never has two updates in flight', async () => {
    const { update, calls, maxRunning } = recorder({ durationMs: 50 });
    const streamer = streamToMessage(update, { intervalMs: 20, onError: () => {} });
    for (let piece = 0; piece < 30; piece += 1) {
      streamer.push('x');
      await sleep(5);
    }
    await sleep(150);
    await finish(streamer);
    expect(maxRunning()).toBe(1);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.at(-1)?.text).toBe('x'.repeat(30));
  });

  it('does not update when nothing new was pushed', async () => {
    const { update, calls } = recorder();
    const streamer = streamToMessage(update, { intervalMs: 20, onError: () => {} });
    await sleep(50);
    expect(calls).toEqual([]);
    streamer.push('a');
    await sleep(50);
    streamer.push('');
    await sleep(50);
    await finish(streamer);
    expect(calls.map((call) => call.text)).toEqual(['a']);
  });

  it('reports a failed update and still tries the next one', async () => {
    const errors: unknown[] = [];
    const { update, calls } = recorder({ fail: (call) => call === 1 });
    const streamer = streamToMessage(update, { intervalMs: 20, onError: (e) => errors.push(e) });
    streamer.push('first');
    await sleep(35);
    streamer.push(' second');
    await sleep(60);
    await finish(streamer);
    expect(errors).toEqual([new Error('update 1 failed')]);
    expect(calls[0]?.text).toBe('first');
    expect(calls.at(-1)?.text).toBe('first second');
  });

  it('retries the same text after a failure even with nothing new', async () => {
    const errors: unknown[] = [];
    const { update, calls } = recorder({ fail: (call) => call === 1 });
    const streamer = streamToMessage(update, { intervalMs: 20, onError: (e) => errors.push(e) });
    streamer.push('only');
    await sleep(80);
    await finish(streamer);
    expect(errors).toHaveLength(1);
    expect(calls.map((call) => call.text)).toEqual(['only', 'only']);
  });

  it('finish waits for the update in flight', async () => {
    const { update, calls, running } = recorder({ durationMs: 60 });
    const streamer = streamToMessage(update, { intervalMs: 20, onError: () => {} });
    streamer.push('slow');
    await sleep(35);
    expect(running()).toBe(1);
    let finished = false;
    const finishing = streamer.finish().then(() => {
      finished = true;
    });
    // The update runs from 20 ms to 80 ms.
    await sleep(40);
    expect(finished).toBe(false);
    await sleep(10);
    await finishing;
    expect(finished).toBe(true);
    expect(running()).toBe(0);
    expect(calls.map((call) => call.text)).toEqual(['slow']);
  });

  it('stops updating after finish, even with text pending', async () => {
    const { update, calls } = recorder({ durationMs: 30 });
    const streamer = streamToMessage(update, { intervalMs: 20, onError: () => {} });
    streamer.push('one');
    await sleep(30);
    streamer.push(' two');
    await finish(streamer);
    streamer.push(' three');
    await sleep(80);
    expect(calls.map((call) => call.text)).toEqual(['one']);
  });

  it('finishes at once when nothing was ever updated', async () => {
    const { update, calls } = recorder();
    const streamer = streamToMessage(update, { intervalMs: 20, onError: () => {} });
    streamer.push('never shown');
    await streamer.finish();
    await sleep(40);
    expect(calls).toEqual([]);
  });
});

describe('streamToMessage, prompt first update', () => {
  it('shows the first words at once, the rest after', async () => {
    const { update, calls } = recorder();
    const started = performance.now();
    const streamer = streamToMessage(update, {
      intervalMs: 40,
      firstDelayMs: 0,
      onError: () => {},
    });
    streamer.push('Parents ');
    await sleep(5);
    streamer.push('get 16 weeks.');
    await sleep(350);
    await finish(streamer);
    expect(calls.map((call) => call.text)).toEqual(['Parents ', 'Parents get 16 weeks.']);
    expect((calls[0]?.at ?? 0) - started).toBe(0);
  });
});
