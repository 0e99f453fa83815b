import { describeError, isKnowhowError, KnowhowError } from '../../errors.js';
import type { DocumentFormat } from '../file-formats.js';
import { cleanDocument, normalizeWhitespace, textLength } from './clean-text.js';
import { decodeText } from './decode-text.js';
import { loadMarkdown } from './load-markdown.js';
import type { LoadedDocument } from './loaded-document.js';

export interface LoadLimits {
  /** Compressed formats (docx): upper bound of their text parts once inflated. */
  readonly maxInflatedBytes?: number;
  /** Upper bound of a document's text, in characters, once extracted. */
  readonly maxTextCharacters?: number;
}

export const defaultLoadLimits = {
  maxInflatedBytes: 64 * 1024 * 1024,
  maxTextCharacters: 10_000_000,
} as const;

/**
 * Parses a file's bytes (or text already decoded); a document that cannot be parsed throws
 * KnowhowError `parse_failed`, one over a limit `file_too_large`, binary text `file_binary`.
 * Parsers load on first use: together they add a third of a second to every start otherwise.
 */
export async function loadDocument(
  format: DocumentFormat,
  content: Uint8Array | string,
  limits: LoadLimits = {},
): Promise<LoadedDocument> {
  const { maxInflatedBytes, maxTextCharacters } = { ...defaultLoadLimits, ...limits };
  const text = (): string => {
    const decoded = typeof content === 'string' ? content : decodeText(content);
    assertLength(decoded.length, maxTextCharacters);
    // Before parsing: markdown's lexer is as slow on deep indentation as the tokenizer on runs.
    return normalizeWhitespace(decoded, { breakLongWords: format !== 'html' });
  };
  const bytes = (): Uint8Array =>
    typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const loaded = cleanDocument(await parseDocument(format, text, bytes, maxInflatedBytes));
  assertLength(textLength(loaded), maxTextCharacters);
  return loaded;
}

async function parseDocument(
  format: DocumentFormat,
  text: () => string,
  bytes: () => Uint8Array,
  maxInflatedBytes: number,
): Promise<LoadedDocument> {
  try {
    switch (format) {
      case 'markdown':
        return loadMarkdown(text());
      case 'text':
        return { title: null, content: { kind: 'text', text: text() } };
      case 'html':
        return (await import('./load-html.js')).loadHtml(text());
      case 'pdf':
        return await (await import('./load-pdf.js')).loadPdf(bytes());
      case 'docx':
        return await (await import('./load-docx.js')).loadDocx(bytes(), { maxInflatedBytes });
    }
  } catch (error) {
    if (isKnowhowError(error)) throw error;
    throw new KnowhowError('parse_failed', describeParseError(format, error), { cause: error });
  }
}

function assertLength(characters: number, maxTextCharacters: number): void {
  if (characters <= maxTextCharacters) return;
  const count = (value: number) => value.toLocaleString('en');
  throw new KnowhowError(
    'file_too_large',
    `its text is ${count(characters)} characters, over the ${count(maxTextCharacters)} limit`,
  );
}

function describeParseError(format: DocumentFormat, error: unknown): string {
  const message = describeError(error);
  if (format === 'pdf' && /password/i.test(message)) return 'the PDF is password-protected';
  if (format === 'docx' && /zip|central directory/i.test(message)) {
    return 'not a valid Word (.docx) file: the archive is damaged';
  }
  return `could not be parsed as ${format.toUpperCase()}: ${message}`;
}
