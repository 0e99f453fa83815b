import { describe, expect, it } from '@jest/globals';
import { createCitationFilter, filterCitations } from './citation-filter.js';

describe('filterCitations', () => {
  it('keeps citations of existing sources and drops the others with their space', () => {
    expect(filterCitations('Twenty days [1]. Ten more [7]. Both [2, 9].', 2)).toEqual({
      text: 'Twenty days [1]. Ten more. Both [2].',
      cited: [1, 2],
    });
  });

  it('drops [0] and leaves ordinary brackets and markdown links alone', () => {
    expect(filterCitations('See [the portal](https://intranet) [0] and [note] [1]', 1).text).toBe(
      'See [the portal](https://intranet) and [note] [1]',
    );
  });

  it('merges repeated numbers in one group', () => {
    expect(filterCitations('Yes [1, 1, 2]', 3).text).toBe('Yes [1, 2]');
  });
});

describe('createCitationFilter', () => {
  it('gives the same text however the answer is split into streamed pieces', () => {
    const answer = 'Employees get 28 days [1][3]. Parents get 16 weeks [2, 12]. Ask HR [10].';
    const whole = filterCitations(answer, 3).text;
    for (let size = 1; size <= 7; size += 1) {
      const filter = createCitationFilter(3);
      let streamed = '';
      for (let start = 0; start < answer.length; start += size)
        streamed += filter.push(answer.slice(start, start + size));
      streamed += filter.end();
      expect(streamed).toBe(whole);
      expect(filter.cited()).toEqual([1, 2, 3]);
    }
  });

  it('holds back only a possible unfinished citation, passing other text through at once', () => {
    const filter = createCitationFilter(2);
    expect(filter.push('Twenty days')).toBe('Twenty days');
    expect(filter.push(' [')).toBe('');
    expect(filter.push('1] and more')).toBe(' [1] and more');
  });
});
