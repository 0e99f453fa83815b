import { describe, expect, it } from '@jest/globals';
import { createCitationFilter } from './citation-filter.js';

function filterWhole(text: string, count: number): { text: string; cited: number[] } {
  const filter = createCitationFilter(count);
  const filtered = filter.push(text) + filter.end();
  return { text: filtered, cited: filter.cited() };
}

function filterInPieces(text: string, count: number, size: number): string {
  const filter = createCitationFilter(count);
  let streamed = '';
  for (let start = 0; start < text.length; start += size)
    streamed += filter.push(text.slice(start, start + size));
  return streamed + filter.end();
}

describe('citation filter', () => {
  it('keeps citations of existing sources and drops the others with their spaces', () => {
    expect(filterWhole('Twenty days [1]. Ten more [7]. Both [2, 9].', 2)).toEqual({
      text: 'Twenty days [1]. Ten more. Both [2].',
      cited: [1, 2],
    });
  });

  it('never joins paragraphs when it drops a citation at the start of a line', () => {
    expect(filterWhole('Para one.\n\n[9] Para two [1].', 1).text).toBe(
      'Para one.\n\n Para two [1].',
    );
  });

  it('reads ranges and "Source n", and keeps only valid numbers', () => {
    expect(filterWhole('A [1-3]. B [2–4]. C [Source 2]. D [source 7].', 3).text).toBe(
      'A [1, 2, 3]. B [2, 3]. C [2]. D.',
    );
  });

  it('leaves code, indexing, plain brackets and markdown links alone', () => {
    const text =
      'Use `list[9]` or arr[5]; see [the portal](https://x) and [4](https://y) [note] [0].\n```\nx = [7]\n```\nDone [1].';
    expect(filterWhole(text, 1).text).toBe(
      'Use `list[9]` or arr[5]; see [the portal](https://x) and [4](https://y) [note].\n```\nx = [7]\n```\nDone [1].',
    );
  });

  it('merges repeated numbers in one group', () => {
    expect(filterWhole('Yes [1, 1, 2]', 3).text).toBe('Yes [1, 2]');
  });

  it('gives the same text however the answer is split into streamed pieces', () => {
    const answer =
      'Employees get 28 days [1][3]. Parents get 16 weeks [2, 12]. Ranges [1-2].\n\n[9] Ask HR `cfg[5]` [10].\n```\nz = [2]\n```\nSee [3](https://x).';
    const whole = filterWhole(answer, 3).text;
    for (let size = 1; size <= 25; size += 1) expect(filterInPieces(answer, 3, size)).toBe(whole);
  });

  it('holds back only a possible unfinished citation, passing other text through at once', () => {
    const filter = createCitationFilter(2);
    expect(filter.push('Twenty days')).toBe('Twenty days');
    expect(filter.push(' [')).toBe('');
    expect(filter.push('1] and more')).toBe(' [1] and more');
  });

  it('shows a long run of spaces and a long bracket instead of holding them', () => {
    const filter = createCitationFilter(1);
    expect(filter.push(`x${' '.repeat(60)}`).length).toBeGreaterThan(20);
    expect(filter.push(`[${'1, '.repeat(30)}`).length).toBeGreaterThan(40);
  });
});
