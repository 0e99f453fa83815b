import { describeError, KnowhowError } from '../errors.js';
import { type ChunkingOptions, chunkDocument } from '../ingest/chunk/chunk-document.js';
import { loadDocument } from '../ingest/load/load-document.js';
import type { ChunkInput } from '../store/knowledge-store.js';
import type { ItemContent } from './source.js';

export interface ParsedItem {
  readonly chunks: ChunkInput[];
}

/**
 * Fetched content to passages, with the same checks and parsers as files. The one place the
 * sync engine parses, so ingest's budgeted parse and chunk step can replace it here.
 */
export async function parseItem(
  content: ItemContent,
  options: { readonly chunking?: ChunkingOptions; readonly maxBytes: number },
): Promise<ParsedItem> {
  const size = content.bytes.byteLength;
  if (size > options.maxBytes) {
    throw new KnowhowError(
      'file_too_large',
      `${megabytes(size)} is over the ${megabytes(options.maxBytes)} limit`,
    );
  }
  if (size === 0) throw new KnowhowError('file_empty', 'the item is empty');
  const loaded = await loadDocument(content.format, content.bytes);
  const chunks = await chunkDocument(loaded, options.chunking).catch((error: unknown) => {
    const message = `could not be split into passages: ${describeError(error)}`;
    throw new KnowhowError('parse_failed', message, { cause: error });
  });
  if (chunks.length === 0) {
    const reason =
      content.format === 'pdf'
        ? 'no extractable text (a scanned PDF needs OCR first)'
        : 'no text to index';
    throw new KnowhowError('no_text', reason);
  }
  return { chunks };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
