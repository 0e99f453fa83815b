import { describe, expect, it } from '@jest/globals';
import { splitText } from './split-text.js';

describe('splitText', () => {
  it('keeps short text in one piece, trimmed', () => {
    expect(splitText('  Parents get 16 weeks.\n', 2900)).toEqual(['Parents get 16 weeks.']);
  });

  it('gives no pieces for empty or blank text', () => {
    expect(splitText('', 2900)).toEqual([]);
    expect(splitText(' \n\t ', 2900)).toEqual([]);
  });

  it('keeps text of exactly the limit in one piece', () => {
    expect(splitText('a'.repeat(20), 20)).toEqual(['a'.repeat(20)]);
  });

  it('splits at paragraphs first', () => {
    expect(splitText('first line\nsecond line\n\nthird one', 30)).toEqual([
      'first line\nsecond line',
      'third one',
    ]);
  });

  it('splits at lines when no paragraph break is late enough', () => {
    expect(splitText('one two three\nfour five six', 20)).toEqual([
      'one two three',
      'four five six',
    ]);
  });

  it('splits at words when there is no line break', () => {
    expect(splitText('alpha beta gamma delta epsilon', 14)).toEqual([
      'alpha beta',
      'gamma delta',
      'epsilon',
    ]);
  });

  it('ignores a boundary in the first half of the window', () => {
    expect(splitText('ab\n\ncdefghijklmnop', 10)).toEqual(['ab\n\ncdefgh', 'ijklmnop']);
  });

  it('cuts hard when there is no boundary at all', () => {
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
  });

  it('keeps every piece within the limit and loses no words', () => {
    const words = Array.from({ length: 2000 }, (_, index) => `word${index}`);
    const text = words.map((word, index) => (index % 37 === 36 ? `${word}\n\n` : word)).join(' ');
    const pieces = splitText(text, 2900);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2900);
      expect(piece).toBe(piece.trim());
    }
    expect(pieces.join(' ').split(/\s+/)).toEqual(words);
  });
});
