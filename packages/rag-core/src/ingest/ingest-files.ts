import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { elapsed } from '../embed/active-embedder.js';
import { backfillEmbeddings } from '../embed/backfill-embeddings.js';
import { embedPassages } from '../embed/embed-passages.js';
import { describeError, isKnowhowError, KnowhowError } from '../errors.js';
import type { Log } from '../log-event.js';
import type { DocumentVectors, KnowledgeStore } from '../store/knowledge-store.js';
import { type ChunkingOptions, chunkDocument, chunkingSignature } from './chunk/chunk-document.js';
import { type FileSearch, type FoundFile, findFiles } from './find-files.js';
import type { IngestFailure, IngestProgress, IngestSummary } from './ingest-summary.js';
import { loadDocument } from './load/load-document.js';
import { readFileContent } from './read-file-content.js';

export interface IngestDependencies {
  readonly store: KnowledgeStore;
  /** Absent: keyword-only. */
  readonly embedder?: ActiveEmbedder;
  readonly log?: Log;
}

export interface IngestOptions {
  readonly paths: readonly string[];
  readonly collection?: string;
  /** Remove documents under the given folders whose files no longer exist. */
  readonly prune?: boolean;
  readonly maxFileBytes?: number;
  readonly chunking?: ChunkingOptions;
  readonly onProgress?: (progress: IngestProgress) => void;
}

export const defaultCollection = 'default';
export const defaultMaxFileBytes = 50 * 1024 * 1024;

interface Run {
  readonly dependencies: IngestDependencies;
  readonly collection: string;
  readonly chunking: string;
  readonly options: IngestOptions;
  /** Cleared after the first embedding failure so one outage is not retried per file. */
  embedder: ActiveEmbedder | undefined;
  embeddingProblem: IngestFailure | undefined;
}

/**
 * Ingests files and folders into a collection. Each document is written in its own
 * transaction; a file that fails is reported with its reason and the rest go on.
 */
export async function ingestFiles(
  dependencies: IngestDependencies,
  options: IngestOptions,
): Promise<IngestSummary> {
  const started = performance.now();
  const collection = options.collection ?? defaultCollection;
  const search = await findFiles(options.paths);
  const run: Run = {
    dependencies,
    collection,
    chunking: chunkingSignature(options.chunking),
    options,
    embedder: dependencies.embedder,
    embeddingProblem: undefined,
  };
  const counts = { added: 0, updated: 0, unchanged: 0, chunks: 0, embedded: 0 };
  const failed: IngestFailure[] = search.unreadable.map(({ path, error }) => ({
    path,
    code: 'file_missing',
    message: error,
  }));
  for (const [index, file] of search.files.entries()) {
    const fileStarted = performance.now();
    try {
      const result = await ingestFile(run, file);
      counts[result.outcome] += 1;
      counts.chunks += result.chunks;
      counts.embedded += result.embedded;
      logDocument(run, file, { outcome: result.outcome, chunks: result.chunks }, fileStarted);
    } catch (error) {
      // File problems are reported and skipped; anything else (the database) ends the run.
      if (!isKnowhowError(error)) throw error;
      const failure = toFailure(file.path, error);
      failed.push(failure);
      logDocument(
        run,
        file,
        { outcome: 'failed', code: failure.code, error: failure.message },
        fileStarted,
      );
    }
    options.onProgress?.({
      done: index + 1,
      total: search.files.length,
      source: file.relativePath,
    });
  }
  const removed = options.prune ? await prune(run, search) : [];
  counts.embedded += await backfill(run);
  const summary: IngestSummary = {
    collection,
    ...counts,
    removed,
    failed,
    unsupported: search.unsupported,
    ...(run.embeddingProblem ? { embeddingProblem: run.embeddingProblem } : {}),
    seconds: (performance.now() - started) / 1000,
  };
  dependencies.log?.({
    type: 'ingest.finished',
    collection,
    added: summary.added,
    updated: summary.updated,
    unchanged: summary.unchanged,
    removed: removed.length,
    failed: failed.length,
    chunks: summary.chunks,
    durationMs: elapsed(started),
  });
  return summary;
}

async function ingestFile(run: Run, file: FoundFile) {
  const { store } = run.dependencies;
  const content = await readFileContent(
    file.path,
    file.format,
    run.options.maxFileBytes ?? defaultMaxFileBytes,
  );
  const uri = pathToFileURL(file.path).href;
  const stored = await store.fingerprint(run.collection, uri);
  if (stored?.contentHash === content.contentHash && stored.chunking === run.chunking) {
    return { outcome: 'unchanged' as const, chunks: 0, embedded: 0 };
  }
  const loaded = await loadDocument(file.format, content.bytes);
  const chunks = await chunkDocument(loaded, run.options.chunking).catch((error: unknown) => {
    throw new KnowhowError(
      'parse_failed',
      `could not be split into passages: ${describeError(error)}`,
      {
        cause: error,
      },
    );
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
  const outcome = await store.replaceDocument(
    {
      collection: run.collection,
      uri,
      source: file.relativePath,
      title,
      url: null,
      contentHash: content.contentHash,
      chunking: run.chunking,
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
  run: Run,
  passages: readonly { title: string; heading: string | null; text: string }[],
): Promise<DocumentVectors | undefined> {
  const embedder = run.embedder;
  if (!embedder) return undefined;
  try {
    const values = await embedPassages(embedder, passages, { log: run.dependencies.log });
    return { model: embedder.model, values };
  } catch (error) {
    // Keep the document (keyword-searchable) and stop embedding; the next run fills vectors in.
    run.embedder = undefined;
    run.embeddingProblem = toFailure(embedder.model.name, error);
    return undefined;
  }
}

async function prune(run: Run, search: FileSearch): Promise<string[]> {
  const keep = new Set(search.files.map((file) => pathToFileURL(file.path).href));
  const removed: string[] = [];
  for (const root of search.roots) {
    // A folder that could not be read completely might hide files that still exist.
    if (!root.isDirectory || !root.complete) continue;
    const uriPrefix = `${pathToFileURL(root.path).href}/`;
    const sources = await run.dependencies.store.pruneDocuments({
      collection: run.collection,
      uriPrefix,
      keep,
    });
    for (const source of sources)
      run.dependencies.log?.({ type: 'ingest.pruned', collection: run.collection, source });
    removed.push(...sources);
  }
  return removed;
}

async function backfill(run: Run): Promise<number> {
  if (!run.embedder) return 0;
  try {
    return await backfillEmbeddings({
      store: run.dependencies.store,
      embedder: run.embedder,
      log: run.dependencies.log,
    });
  } catch (error) {
    run.embeddingProblem = toFailure(run.embedder.model.name, error);
    return 0;
  }
}

function logDocument(
  run: Run,
  file: FoundFile,
  result:
    | { outcome: 'added' | 'updated' | 'unchanged'; chunks: number }
    | { outcome: 'failed'; code: IngestFailure['code']; error: string },
  started: number,
): void {
  run.dependencies.log?.({
    type: 'ingest.document',
    collection: run.collection,
    source: file.relativePath,
    ...result,
    durationMs: elapsed(started),
  });
}

function toFailure(path: string, error: unknown): IngestFailure {
  if (isKnowhowError(error)) return { path, code: error.code, message: error.message };
  return { path, code: 'parse_failed', message: describeError(error) };
}

/** `Northwind_Health_Plus.pdf` → `Northwind Health Plus`. */
export function titleFromFileName(path: string): string {
  const name = basename(path, extname(path));
  return name.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim() || basename(path);
}
