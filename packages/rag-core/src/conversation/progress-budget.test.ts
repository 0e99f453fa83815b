import { describe, expect, it } from '@jest/globals';
import { ProgressBudget } from './progress-budget.js';

describe('ProgressBudget', () => {
  it('allows so many updates a minute across all answers', () => {
    const budget = new ProgressBudget(3);
    expect([0, 10, 20, 30].map((now) => budget.take(now))).toEqual([true, true, true, false]);
    expect(budget.take(60_001)).toBe(true);
  });

  it('pauses for as long as the platform asks', () => {
    const budget = new ProgressBudget(100);
    budget.pause(2, 1000);
    expect(budget.take(2999)).toBe(false);
    expect(budget.take(3000)).toBe(true);
  });
});
