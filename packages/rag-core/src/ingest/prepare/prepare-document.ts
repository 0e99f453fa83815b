import { basename, extname } from 'node:path';
import { describeError, KnowhowError } from '../../errors.js';
import type { ChunkInput } from '../../store/knowledge-store.js';
import { type ChunkingOptions, chunkDocument } from '../chunk/chunk-document.js';
import type { DocumentFormat } from '../file-formats.js';
import { type LoadLimits, loadDocument } from '../load/load-document.js';

export interface PrepareRequest {
  /** The file's bytes, or text already decoded (a fetched page). */
  readonly content: Uint8Array | string;
  readonly format: DocumentFormat;
  /** File name or page name: the title when the document names none. */
  readonly name: string;
}

export interface PrepareOptions {
  readonly chunking?: ChunkingOptions;
  readonly limits?: LoadLimits;
}

/** A document parsed and split, ready to embed and store. */
export interface PreparedDocument {
  /** The document's own title, else one made from its name. */
  readonly title: string;
  readonly chunks: ChunkInput[];
}

/**
 * Parses and chunks a document in this thread, with no time or memory budget: callers use
 * DocumentPreparer, which runs this in a worker. Problems of the document throw KnowhowError.
 */
export async function prepareDocument(
  request: PrepareRequest,
  options: PrepareOptions = {},
): Promise<PreparedDocument> {
  const loaded = await loadDocument(request.format, request.content, options.limits);
  const chunks = await chunkDocument(loaded, options.chunking).catch((error: unknown) => {
    const message = `could not be split into passages: ${describeError(error)}`;
    throw new KnowhowError('parse_failed', message, { cause: error });
  });
  if (chunks.length === 0) {
    const reason =
      request.format === 'pdf'
        ? 'no extractable text (a scanned PDF needs OCR first)'
        : 'no text to index';
    throw new KnowhowError('no_text', reason);
  }
  return { title: loaded.title ?? titleFromFileName(request.name), chunks };
}

/** `Northwind_Health_Plus.pdf` → `Northwind Health Plus`. */
export function titleFromFileName(path: string): string {
  const name = basename(path, extname(path));
  return name.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim() || basename(path);
}
