import { describe, expect, it } from '@jest/globals';
import { parseQueries } from './rewrite-prompts.js';

describe('parseQueries', () => {
  it('drops list markers, quotes, the question itself and repeats', () => {
    const reply =
      '1. vacation carry over\n- "leave rollover"\nCarry over vacation days?\nleave rollover';
    expect(parseQueries(reply, 'carry over vacation days?', { count: 3 })).toEqual([
      'vacation carry over',
      'leave rollover',
    ]);
  });

  it('drops preambles ending in a colon, so they are not searched or counted', () => {
    const reply = [
      'Here are 3 alternative search queries:',
      '1. annual leave entitlement',
      '**Queries:**',
      '2. paid time off policy',
      '検索クエリ：',
      '3. holiday allowance',
    ].join('\n');
    expect(parseQueries(reply, 'how many vacation days?', { count: 3 })).toEqual([
      'annual leave entitlement',
      'paid time off policy',
      'holiday allowance',
    ]);
  });

  it('keeps a colon inside a query', () => {
    expect(parseQueries('policy: annual leave', 'q', { count: 3 })).toEqual([
      'policy: annual leave',
    ]);
  });
});
