import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { embedPassages } from '../embed/embed-passages.js';
import { describeError, isKnowhowError, KnowhowError } from '../errors.js';
import type { Log } from '../log-event.js';
import type { DocumentVectors, KnowledgeStore, ReplaceOutcome } from '../store/knowledge-store.js';
import { type ChunkingOptions, chunkDocument } from './chunk/chunk-document.js';
import type { FoundFile } from './find-files.js';
import type { IngestFailure } from './ingest-summary.js';
import { loadDocument } from './load/load-document.js';
import { readFileContent } from './read-file-content.js';

/** What one ingest run shares between its files. */
export interface IngestRun {
  readonly store: KnowledgeStore;
  readonly log: Log | undefined;
  readonly collection: string;
  readonly chunking: ChunkingOptions | undefined;
  /** chunkingSignature(chunking), stored with each document. */
  readonly chunkingSignature: string;
  readonly maxFileBytes: number;
  /** Cleared after the first embedding failure, so one outage is not retried for every file. */
  embedder: ActiveEmbedder | undefined;
  embeddingProblem: IngestFailure | undefined;
}

export interface FileOutcome {
  readonly outcome: ReplaceOutcome;
  /** Passages written. */
  readonly chunks: number;
  readonly embedded: number;
}

/**
 * Reads, parses, chunks and embeds one file and writes it in one transaction. Problems of the
 * file throw KnowhowError; an unchanged file (same content and chunking) is not parsed at all.
 */
export async function ingestFile(run: IngestRun, file: FoundFile): Promise<FileOutcome> {
  const content = await readFileContent(file.path, file.format, run.maxFileBytes);
  const uri = pathToFileURL(file.path).href;
  const stored = await run.store.fingerprint(run.collection, uri);
  // Same bytes, chunking and place (a file ingested again from another root moves its source).
  if (
    stored?.contentHash === content.contentHash &&
    stored.chunking === run.chunkingSignature &&
    stored.source === file.relativePath
  ) {
    return { outcome: 'unchanged', chunks: 0, embedded: 0 };
  }
  const loaded = await loadDocument(file.format, content.bytes);
  const chunks = await chunkDocument(loaded, run.chunking).catch((error: unknown) => {
    const message = `could not be split into passages: ${describeError(error)}`;
    throw new KnowhowError('parse_failed', message, { cause: error });
  });
  if (chunks.length === 0) {
    const reason =
      file.format === 'pdf'
        ? 'no extractable text (a scanned PDF needs OCR first)'
        : 'no text to index';
    throw new KnowhowError('no_text', reason);
  }
  const title = loaded.title ?? titleFromFileName(file.path);
  const vectors = await embedIfPossible(
    run,
    chunks.map((chunk) => ({ ...chunk, title })),
  );
  const outcome = await run.store.replaceDocument(
    {
      collection: run.collection,
      uri,
      source: file.relativePath,
      title,
      url: null,
      contentHash: content.contentHash,
      chunking: run.chunkingSignature,
      mediaType: file.mediaType,
      sizeBytes: content.sizeBytes,
      metadata: {},
    },
    chunks,
    vectors,
  );
  const written = outcome === 'unchanged' ? 0 : chunks.length;
  return { outcome, chunks: written, embedded: vectors && written ? written : 0 };
}

async function embedIfPossible(
  run: IngestRun,
  passages: readonly { title: string; heading: string | null; text: string }[],
): Promise<DocumentVectors | undefined> {
  const embedder = run.embedder;
  if (!embedder) return undefined;
  try {
    const values = await embedPassages(embedder, passages, { log: run.log });
    return { model: embedder.model, values };
  } catch (error) {
    // Keep the document (keyword-searchable) and stop embedding; the next run fills vectors in.
    run.embedder = undefined;
    run.embeddingProblem = toFailure(embedder.model.name, error);
    return undefined;
  }
}

export function toFailure(path: string, error: unknown): IngestFailure {
  if (isKnowhowError(error)) return { path, code: error.code, message: error.message };
  return { path, code: 'parse_failed', message: describeError(error) };
}

/** `Northwind_Health_Plus.pdf` → `Northwind Health Plus`. */
export function titleFromFileName(path: string): string {
  const name = basename(path, extname(path));
  return name.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim() || basename(path);
}
