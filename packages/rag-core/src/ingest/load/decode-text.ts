import { KnowhowError } from '../../errors.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const boms: readonly [TextEncoding, readonly number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/**
 * Decodes a text file: a BOM names its encoding (UTF-8, UTF-16 LE/BE); without one, UTF-8 if
 * the bytes are valid UTF-8, UTF-16 if every other byte is zero, else Windows-1252 (the
 * superset of Latin-1 that "Latin-1" exports really are). Refuses only what is binary: NUL
 * characters or more than 1% control characters once decoded.
 */
export function decodeText(bytes: Uint8Array): string {
  const text = decodeAny(bytes);
  if (isBinary(text)) throw new KnowhowError('file_binary', 'binary content in a text file');
  return text;
}

function decodeAny(bytes: Uint8Array): string {
  const bom = boms.find(([, signature]) => startsWith(bytes, signature));
  if (bom) return new TextDecoder(bom[0]).decode(bytes.subarray(bom[1].length));
  if (looksLikeUtf16(bytes, 1)) return new TextDecoder('utf-16le').decode(bytes);
  if (looksLikeUtf16(bytes, 0)) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

// ASCII-range text in UTF-16 has a zero in every high byte: at odd offsets in little-endian.
function looksLikeUtf16(bytes: Uint8Array, highByte: 0 | 1): boolean {
  const sample = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (sample < 4) return false;
  let zeros = 0;
  let otherZeros = 0;
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index + highByte] === 0) zeros += 1;
    if (bytes[index + 1 - highByte] === 0) otherZeros += 1;
  }
  return zeros >= (sample / 2) * 0.9 && otherZeros === 0;
}

function isBinary(text: string): boolean {
  const allowed = text.length / 100;
  let controls = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0) return true;
    // C0 controls other than tab, line feed, vertical tab, form feed, carriage return, escape.
    if ((code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1b) || code === 0x7f) {
      controls += 1;
      if (controls > allowed) return true;
    }
  }
  return false;
}
