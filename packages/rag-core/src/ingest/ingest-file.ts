import { pathToFileURL } from 'node:url';
import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { embedPassages } from '../embed/embed-passages.js';
import { describeError, isKnowhowError, KnowhowError } from '../errors.js';
import type { Log } from '../log-event.js';
import type { DocumentVectors, KnowledgeStore, ReplaceOutcome } from '../store/knowledge-store.js';
import type { FoundFile } from './find-files.js';
import type { IngestFailure } from './ingest-summary.js';
import type { DocumentPreparer } from './prepare/document-preparer.js';
import type { PreparedDocument } from './prepare/prepare-document.js';
import { type FileContent, readFileContent } from './read-file-content.js';

/** What one ingest run shares between its files. */
export interface IngestRun {
  readonly store: KnowledgeStore;
  readonly log: Log | undefined;
  readonly collection: string;
  readonly preparer: DocumentPreparer;
  /** chunkingSignature(chunking), stored with each document. */
  readonly chunkingSignature: string;
  readonly maxFileBytes: number;
  readonly signal: AbortSignal | undefined;
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

/** A file read and, unless unchanged, parsed and chunked: what `writeFile` stores. */
export type ReadyFile =
  | { readonly unchanged: true }
  | {
      readonly unchanged: false;
      readonly content: FileContent;
      readonly document: PreparedDocument;
    };

/**
 * Reads a file and parses and chunks it within the preparer's budgets. An unchanged file (same
 * content and chunking) is not parsed at all. Problems of the file throw KnowhowError.
 */
export async function readyFile(run: IngestRun, file: FoundFile): Promise<ReadyFile> {
  const content = await readFileContent(file.path, file.format, run.maxFileBytes);
  const stored = await run.store.fingerprint(run.collection, pathToFileURL(file.path).href);
  // Same bytes, chunking and place (a file ingested again from another root moves its source).
  if (
    stored?.contentHash === content.contentHash &&
    stored.chunking === run.chunkingSignature &&
    stored.source === file.relativePath
  ) {
    return { unchanged: true };
  }
  const prepared = await run.preparer.prepare(
    { content: content.bytes, format: file.format, name: file.path },
    run.signal ? { signal: run.signal } : {},
  );
  if (!prepared.ok) throw new KnowhowError(prepared.code, prepared.message);
  return { unchanged: false, content, document: prepared.document };
}

/** Embeds a prepared file and writes it in one transaction. */
export async function writeFile(
  run: IngestRun,
  file: FoundFile,
  ready: ReadyFile,
): Promise<FileOutcome> {
  if (ready.unchanged) return { outcome: 'unchanged', chunks: 0, embedded: 0 };
  const { content, document } = ready;
  const { title, chunks } = document;
  const vectors = await embedIfPossible(
    run,
    chunks.map((chunk) => ({ ...chunk, title })),
  );
  run.signal?.throwIfAborted();
  const outcome = await run.store.replaceDocument(
    {
      collection: run.collection,
      uri: pathToFileURL(file.path).href,
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
    const values = await embedPassages(embedder, passages, {
      log: run.log,
      ...(run.signal ? { signal: run.signal } : {}),
    });
    return { model: embedder.model, values };
  } catch (error) {
    if (run.signal?.aborted) throw error;
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
