import { describe, expect, it } from '@jest/globals';
import { cleanDocument, cleanText, normalizeWhitespace } from './clean-text.js';

describe('cleanText', () => {
  it('removes NUL characters and replaces lone surrogates, which Postgres cannot store', () => {
    expect(cleanText('a\u0000b')).toBe('ab');
    expect(cleanText('x\uD800y')).toBe('x\uFFFDy');
    expect(cleanText('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('cleans every page and the title of a document', () => {
    const cleaned = cleanDocument({
      title: 'T\u0000',
      content: { kind: 'pages', pages: [{ number: 2, text: 'p\u0000' }] },
    });
    expect(cleaned).toEqual({
      title: 'T',
      content: { kind: 'pages', pages: [{ number: 2, text: 'p' }] },
    });
  });
});

describe('normalizeWhitespace', () => {
  it('cuts runs that make splitting slow, keeping words and line structure', () => {
    expect(normalizeWhitespace(`a${' '.repeat(600)}b`)).toBe('a b');
    expect(normalizeWhitespace(`${' '.repeat(40)}- item`)).toBe(`${' '.repeat(16)}- item`);
    expect(normalizeWhitespace('one\r\ntwo\rthree\n\n\n\n\nfour')).toBe('one\ntwo\nthree\n\nfour');
    expect(normalizeWhitespace(`Contents ${'.'.repeat(500)} 3`)).toBe(
      `Contents ${'.'.repeat(32)} 3`,
    );
    expect(normalizeWhitespace('keep  two  spaces and ....')).toBe('keep  two  spaces and ....');
  });

  it('gives very long words a space every 128 characters', () => {
    const word = 'x1'.repeat(200);
    expect(
      normalizeWhitespace(word)
        .split(' ')
        .map((part) => part.length),
    ).toEqual([128, 128, 128, 16]);
  });
});
