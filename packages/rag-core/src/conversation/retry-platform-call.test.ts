import { describe, expect, it } from '@jest/globals';
import { KnowhowError } from '../errors.js';
import { createPlatformRetry } from './retry-platform-call.js';

const limited = (seconds: number) =>
  new KnowhowError('platform_rate_limited', 'limited', { retryAfterSeconds: seconds });
const classify = (error: unknown) => (error instanceof KnowhowError ? error : undefined);

describe('createPlatformRetry', () => {
  it('keeps trying through consecutive rate limits, waiting as long as asked', async () => {
    const waits: number[] = [];
    const retry = createPlatformRetry({ classify, onRetry: (_failure, ms) => waits.push(ms) });
    let calls = 0;
    const result = await retry(async () => {
      calls += 1;
      if (calls <= 5) throw limited(0.01);
      return 'posted';
    });
    expect(result).toBe('posted');
    expect(waits).toEqual([10, 10, 10, 10, 10]);
  });

  it('gives up when waiting would overrun the budget, and says it was rate limited', async () => {
    const retry = createPlatformRetry({ classify, budgetMs: 50 });
    await expect(
      retry(async () => {
        throw limited(1);
      }),
    ).rejects.toMatchObject({ code: 'platform_rate_limited' });
  });

  it('does not retry what a retry cannot fix', async () => {
    const retry = createPlatformRetry({ classify });
    let calls = 0;
    await expect(
      retry(async () => {
        calls += 1;
        throw new KnowhowError('platform_refused', 'no', { detail: 'not_in_channel' });
      }),
    ).rejects.toMatchObject({ detail: 'not_in_channel' });
    expect(calls).toBe(1);
  });
});
