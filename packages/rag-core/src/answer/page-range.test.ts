import { describe, expect, it } from '@jest/globals';
import { joinedPageBreaks, pagesOf } from './page-range.js';

describe('joinedPageBreaks', () => {
  it('gives each later page where the first passage on it says it begins', () => {
    const parts = [
      { offset: 0, place: { pageStart: 1, pageEnd: 2, pageBreaks: [10] } },
      { offset: 6, place: { pageStart: 1, pageEnd: 2, pageBreaks: [4] } },
      { offset: 20, place: { pageStart: 3, pageEnd: 3 } },
    ];
    expect(joinedPageBreaks(parts, 1, 3)).toEqual([10, 20]);
  });

  it('gives the whole range when pages do not rise with the offsets', () => {
    // A page-3 piece, then a passage going back to pages 1–2: page 2 would "begin" at 0.
    const parts = [
      { offset: 0, place: { pageStart: 3, pageEnd: 3 } },
      { offset: 14, place: { pageStart: 1, pageEnd: 2, pageBreaks: [16] } },
      { offset: 40, place: { pageStart: 3, pageEnd: 3 } },
    ];
    const breaks = joinedPageBreaks(parts, 1, 3);
    expect(breaks).toBeNull();
    expect(pagesOf({ pageStart: 1, pageEnd: 3, pageBreaks: breaks }, 14, 20)).toEqual({
      pageStart: 1,
      pageEnd: 3,
    });
  });

  it('accepts two pages beginning at one offset (a page without text)', () => {
    const parts = [{ offset: 0, place: { pageStart: 1, pageEnd: 3, pageBreaks: [12, 12] } }];
    expect(joinedPageBreaks(parts, 1, 3)).toEqual([12, 12]);
  });
});
