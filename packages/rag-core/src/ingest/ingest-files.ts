import { pathToFileURL } from 'node:url';
import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { backfillEmbeddings } from '../embed/backfill-embeddings.js';
import { isKnowhowError } from '../errors.js';
import { elapsed, type Log } from '../log-event.js';
import type { KnowledgeStore } from '../store/knowledge-store.js';
import { refreshStatistics } from '../store/refresh-statistics.js';
import { type ChunkingOptions, chunkingSignature } from './chunk/chunk-document.js';
import { type FileSearch, type FoundFile, findFiles } from './find-files.js';
import { type IngestRun, type ReadyFile, readyFile, toFailure, writeFile } from './ingest-file.js';
import type { IngestFailure, IngestProgress, IngestSummary } from './ingest-summary.js';
import type { LoadLimits } from './load/load-document.js';
import {
  createDocumentPreparer,
  type DocumentPreparerOptions,
} from './prepare/document-preparer.js';

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
  /** Limits of a document's inflated size and text (decompression bombs). */
  readonly limits?: LoadLimits;
  /** Each file is parsed and chunked in a worker within these budgets, or reported. */
  readonly parseBudget?: Pick<
    DocumentPreparerOptions,
    'timeBudgetMs' | 'timePerMegabyteMs' | 'memoryBudgetMb'
  >;
  readonly chunking?: ChunkingOptions;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Stops at once (the document being parsed or embedded is left for the next run). */
  readonly signal?: AbortSignal;
}

export const defaultCollection = 'default';
export const defaultMaxFileBytes = 50 * 1024 * 1024;

/**
 * Ingests files and folders into a collection. Each document is written in its own
 * transaction; a file that fails is reported with its reason and the rest go on. The next file
 * is parsed and chunked (in a worker) while the current one is embedded and written.
 */
export async function ingestFiles(
  dependencies: IngestDependencies,
  options: IngestOptions,
): Promise<IngestSummary> {
  const started = performance.now();
  const collection = options.collection ?? defaultCollection;
  const search = await findFiles(options.paths);
  const preparer = createDocumentPreparer({
    ...(options.chunking ? { chunking: options.chunking } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...options.parseBudget,
  });
  const run: IngestRun = {
    store: dependencies.store,
    log: dependencies.log,
    collection,
    preparer,
    chunkingSignature: chunkingSignature(options.chunking),
    maxFileBytes: options.maxFileBytes ?? defaultMaxFileBytes,
    signal: options.signal,
    embedder: dependencies.embedder,
    embeddingProblem: undefined,
  };
  const counts = { added: 0, updated: 0, unchanged: 0, chunks: 0, embedded: 0 };
  const failed: IngestFailure[] = search.unreadable.map(({ path, code, error }) => ({
    path,
    code,
    message: error,
  }));
  let processed = 0;
  const readies = new Map<number, Promise<ReadyFile>>();
  const startReady = (index: number) => {
    const file = search.files[index];
    if (!file || readies.has(index) || options.signal?.aborted) return;
    const ready = readyFile(run, file);
    ready.catch(() => undefined); // awaited in its turn
    readies.set(index, ready);
  };
  try {
    for (const [index, file] of search.files.entries()) {
      options.onProgress?.({ done: index, total: search.files.length, source: file.relativePath });
      if (options.signal?.aborted) break;
      startReady(index);
      startReady(index + 1);
      const fileStarted = performance.now();
      try {
        const ready = await readies.get(index);
        readies.delete(index);
        if (!ready) break;
        const result = await writeFile(run, file, ready);
        processed += 1;
        counts[result.outcome] += 1;
        counts.chunks += result.chunks;
        counts.embedded += result.embedded;
        logDocument(run, file, { outcome: result.outcome, chunks: result.chunks }, fileStarted);
      } catch (error) {
        // Interrupted: this file is left for the next run.
        if (options.signal?.aborted) break;
        // File problems are reported and skipped; anything else (the database) ends the run.
        if (!isKnowhowError(error)) throw error;
        processed += 1;
        const failure = toFailure(file.path, error);
        failed.push(failure);
        logDocument(
          run,
          file,
          { outcome: 'failed', code: failure.code, error: failure.message },
          fileStarted,
        );
      }
    }
  } finally {
    await preparer.close();
  }
  options.onProgress?.({ done: processed, total: search.files.length, source: '' });
  // An interrupted run has not seen every file, so it neither prunes nor backfills.
  const interrupted = () => processed < search.files.length || Boolean(options.signal?.aborted);
  const removed = options.prune && !interrupted() ? await prune(run, search) : [];
  if (!interrupted()) counts.embedded += await backfill(run, options.signal);
  // What was written stays written, interrupted or not; a stop request leaves it for next time.
  if (!options.signal?.aborted) {
    await refreshStatistics(run, {
      documents: counts.added + counts.updated + removed.length,
      vectors: counts.embedded,
    });
  }
  const summary: IngestSummary = {
    collection,
    ...counts,
    removed,
    failed,
    unsupported: search.unsupported,
    notProcessed: search.files.length - processed,
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

async function prune(run: IngestRun, search: FileSearch): Promise<string[]> {
  const keep = new Set(search.files.map((file) => pathToFileURL(file.path).href));
  const removed: string[] = [];
  for (const root of search.roots) {
    // A folder that could not be read completely might hide files that still exist.
    if (!root.isDirectory || !root.complete) continue;
    const uriPrefix = `${pathToFileURL(root.path).href}/`;
    const sources = await run.store.pruneDocuments({
      collection: run.collection,
      uriPrefix,
      keep,
    });
    for (const source of sources)
      run.log?.({ type: 'ingest.pruned', collection: run.collection, source });
    removed.push(...sources);
  }
  return removed;
}

async function backfill(run: IngestRun, signal: AbortSignal | undefined): Promise<number> {
  if (!run.embedder) return 0;
  try {
    return await backfillEmbeddings(
      { store: run.store, embedder: run.embedder, log: run.log },
      signal ? { signal } : {},
    );
  } catch (error) {
    run.embeddingProblem = toFailure(run.embedder.model.name, error);
    return 0;
  }
}

function logDocument(
  run: IngestRun,
  file: FoundFile,
  result:
    | { outcome: 'added' | 'updated' | 'unchanged'; chunks: number }
    | { outcome: 'failed'; code: IngestFailure['code']; error: string },
  started: number,
): void {
  run.log?.({
    type: 'ingest.document',
    collection: run.collection,
    source: file.relativePath,
    ...result,
    durationMs: elapsed(started),
  });
}
