import { describe, expect, it } from '@jest/globals';
import { decodeText } from './decode-text.js';

const utf16 = (text: string, endian: 'le' | 'be', bom: boolean) => {
  const units = [...(bom ? '\uFEFF' : ''), ...text].map((c) => c.charCodeAt(0));
  return new Uint8Array(
    units.flatMap((unit) =>
      endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff],
    ),
  );
};

describe('decodeText', () => {
  it('decodes UTF-8, with or without a BOM', () => {
    expect(decodeText(new TextEncoder().encode('café ☕'))).toBe('café ☕');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toBe('hi');
  });

  it('decodes UTF-16 with a BOM, little- and big-endian', () => {
    expect(decodeText(utf16('Grüße aus Köln', 'le', true))).toBe('Grüße aus Köln');
    expect(decodeText(utf16('Grüße aus Köln', 'be', true))).toBe('Grüße aus Köln');
  });

  it('recognises UTF-16 without a BOM by its zero high bytes', () => {
    expect(decodeText(utf16('plain export text', 'le', false))).toBe('plain export text');
  });

  it('decodes text that is not UTF-8 as Latin-1 (Windows-1252)', () => {
    // "Café – 5 €" in Windows-1252: é 0xE9, en dash 0x96, euro 0x80.
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80]);
    expect(decodeText(bytes)).toBe('Café – 5 €');
  });

  it('refuses binary content: a NUL byte anywhere, or many control characters', () => {
    const late = new TextEncoder().encode(`${'plain text line\n'.repeat(1000)}x\u0000y`);
    expect(() => decodeText(late)).toThrow(expect.objectContaining({ code: 'file_binary' }));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x01, 0x02]);
    expect(() => decodeText(png)).toThrow(expect.objectContaining({ code: 'file_binary' }));
  });
});
