import { describe, expect, it } from '@jest/globals';
import { printable } from './printable.js';

describe('printable', () => {
  it('escapes newlines, terminal escapes and direction overrides, and keeps the rest', () => {
    expect(printable('new\nline.md')).toBe('new\\nline.md');
    expect(printable('\u001b[31mred')).toBe('\\u001b[31mred');
    expect(printable('evil\u202eexe.md')).toBe('evil\\u202eexe.md');
    expect(printable('Grüße, 日本語.pdf')).toBe('Grüße, 日本語.pdf');
  });
});
