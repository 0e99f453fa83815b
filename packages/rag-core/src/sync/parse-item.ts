import { KnowhowError } from '../errors.js';
import type { DocumentPreparer } from '../ingest/prepare/document-preparer.js';
import type { ChunkInput } from '../store/knowledge-store.js';
import type { ItemContent } from './source.js';

/**
 * Fetched content to passages through ingest's document preparer: the same parsers, checks
 * and time and memory budgets as files (a hostile page cannot stall or exhaust the process).
 * Problems of the item throw KnowhowError; an abort rejects with the signal's reason.
 */
export async function parseItem(
  content: ItemContent,
  options: {
    readonly preparer: DocumentPreparer;
    readonly maxBytes: number;
    readonly name: string;
    readonly signal: AbortSignal;
  },
): Promise<ChunkInput[]> {
  const size = content.bytes.byteLength;
  if (size > options.maxBytes) {
    throw new KnowhowError(
      'file_too_large',
      `${megabytes(size)} is over the ${megabytes(options.maxBytes)} limit`,
    );
  }
  if (size === 0) throw new KnowhowError('file_empty', 'the item is empty');
  const outcome = await options.preparer.prepare(
    { content: content.bytes, format: content.format, name: options.name },
    { signal: options.signal },
  );
  if (!outcome.ok) throw new KnowhowError(outcome.code, outcome.message);
  return outcome.document.chunks;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
