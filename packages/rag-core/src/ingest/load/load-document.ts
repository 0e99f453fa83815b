import { describeError, KnowhowError } from '../../errors.js';
import type { DocumentFormat } from '../file-formats.js';
import { decodeText } from '../read-file-content.js';
import { cleanDocument } from './clean-text.js';
import { loadMarkdown } from './load-markdown.js';
import type { LoadedDocument } from './loaded-document.js';

/**
 * Parses a file's bytes; a document that cannot be parsed throws KnowhowError `parse_failed`.
 * Parsers load on first use: together they add a third of a second to every start otherwise.
 */
export async function loadDocument(
  format: DocumentFormat,
  bytes: Uint8Array,
): Promise<LoadedDocument> {
  return cleanDocument(await parseDocument(format, bytes));
}

async function parseDocument(format: DocumentFormat, bytes: Uint8Array): Promise<LoadedDocument> {
  try {
    switch (format) {
      case 'markdown':
        return loadMarkdown(decodeText(bytes));
      case 'text':
        return { title: null, content: { kind: 'text', text: decodeText(bytes) } };
      case 'html':
        return (await import('./load-html.js')).loadHtml(decodeText(bytes));
      case 'pdf':
        return await (await import('./load-pdf.js')).loadPdf(bytes);
      case 'docx':
        return await (await import('./load-docx.js')).loadDocx(bytes);
    }
  } catch (error) {
    throw new KnowhowError('parse_failed', describeParseError(format, error), { cause: error });
  }
}

function describeParseError(format: DocumentFormat, error: unknown): string {
  const message = describeError(error);
  if (format === 'pdf' && /password/i.test(message)) return 'the PDF is password-protected';
  if (format === 'docx' && /zip|central directory/i.test(message)) {
    return 'not a valid Word (.docx) file: the archive is damaged';
  }
  return `could not be parsed as ${format.toUpperCase()}: ${message}`;
}
