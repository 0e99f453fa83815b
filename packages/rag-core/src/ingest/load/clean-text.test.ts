import { describe, expect, it } from '@jest/globals';
import { cleanDocument, cleanText } from './clean-text.js';

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
