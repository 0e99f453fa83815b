import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

const t0 = 1_700_000_000_000;

describe('RateLimiter', () => {
  it('allows up to the limit within the window', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect(limiter.take('U1', t0)).toEqual({ allowed: true });
    expect(limiter.take('U1', t0 + 1_000)).toEqual({ allowed: true });
    expect(limiter.take('U1', t0 + 2_000)).toEqual({ allowed: true });
    expect(limiter.take('U1', t0 + 3_000)).toEqual({ allowed: false, retryAfterSeconds: 57 });
  });

  it('says how long until the oldest question leaves the window', () => {
    const limiter = new RateLimiter(1, 60_000);
    limiter.take('U1', t0);
    expect(limiter.take('U1', t0 + 59_500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('U1', t0 + 100)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('U1', t0 + 30_001)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('allows again once the window has slid past', () => {
    const limiter = new RateLimiter(2, 10_000);
    limiter.take('U1', t0);
    limiter.take('U1', t0 + 5_000);
    expect(limiter.take('U1', t0 + 9_999).allowed).toBe(false);
    expect(limiter.take('U1', t0 + 10_000)).toEqual({ allowed: true });
    // The one at t0 + 5_000 and the one just taken fill the window again.
    expect(limiter.take('U1', t0 + 10_001)).toEqual({ allowed: false, retryAfterSeconds: 5 });
    expect(limiter.take('U1', t0 + 15_000)).toEqual({ allowed: true });
  });

  it('does not count refused questions', () => {
    const limiter = new RateLimiter(1, 10_000);
    limiter.take('U1', t0);
    for (let second = 1; second < 10; second += 1) {
      expect(limiter.take('U1', t0 + second * 1_000).allowed).toBe(false);
    }
    expect(limiter.take('U1', t0 + 10_000)).toEqual({ allowed: true });
  });

  it('counts each user separately', () => {
    const limiter = new RateLimiter(1);
    expect(limiter.take('U1', t0).allowed).toBe(true);
    expect(limiter.take('U2', t0).allowed).toBe(true);
    expect(limiter.take('U1', t0 + 1).allowed).toBe(false);
    expect(limiter.take('U3', t0 + 1).allowed).toBe(true);
  });

  it('defaults to a one-minute window', () => {
    const limiter = new RateLimiter(1);
    limiter.take('U1', t0);
    expect(limiter.take('U1', t0 + 59_999).allowed).toBe(false);
    expect(limiter.take('U1', t0 + 60_000).allowed).toBe(true);
  });

  it('waits at least a second', () => {
    const limiter = new RateLimiter(1, 500);
    limiter.take('U1', t0);
    expect(limiter.take('U1', t0 + 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('uses the current time by default', () => {
    const limiter = new RateLimiter(1);
    expect(limiter.take('U1').allowed).toBe(true);
    expect(limiter.take('U1')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('keeps limiting the active users when very many have asked', () => {
    const limiter = new RateLimiter(1, 1_000);
    for (let user = 0; user < 10_001; user += 1) limiter.take(`quiet${user}`, t0);
    // Past 10,000 users, those gone quiet are forgotten; the one asking now is not.
    expect(limiter.take('active', t0 + 5_000).allowed).toBe(true);
    expect(limiter.take('active', t0 + 5_500).allowed).toBe(false);
    expect(limiter.take('quiet0', t0 + 5_500).allowed).toBe(true);
  });
});
