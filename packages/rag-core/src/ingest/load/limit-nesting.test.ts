import { describe, expect, it } from '@jest/globals';
import { limitNesting } from './limit-nesting.js';

const nested = (depth: number, inner: string) =>
  `${'<div class="x">'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;

describe('limitNesting', () => {
  it('returns a page within the depth as it is', () => {
    const html = `<!-- <div><div> -->${nested(3, '<p>text<br/><img src="a.png">')}<hr>`;
    expect(limitNesting(html, 3)).toBe(html);
  });

  it('drops the tags of elements deeper than the limit and keeps their text', () => {
    expect(limitNesting(nested(5, '<b>deep</b>'), 2)).toBe(nested(2, 'deep'));
    expect(limitNesting(`${nested(4, 'a')}<span>b</span>`, 2)).toBe(
      `${nested(2, 'a')}<span>b</span>`,
    );
  });

  it('does not count elements whose end tag may be left out, nor void elements', () => {
    const sloppy = `${'<p>line<br>'.repeat(50)}<li>item`;
    expect(limitNesting(sloppy, 2)).toBe(sloppy);
  });
});
