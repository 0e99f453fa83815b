import { setTimeout as sleep } from 'node:timers/promises';
import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { backfillEmbeddings } from '../embed/backfill-embeddings.js';
import { describeError } from '../errors.js';
import { type ChunkingOptions, chunkingSignature } from '../ingest/chunk/chunk-document.js';
import type { LoadLimits } from '../ingest/load/load-document.js';
import {
  createDocumentPreparer,
  type DocumentPreparer,
  type DocumentPreparerOptions,
} from '../ingest/prepare/document-preparer.js';
import type { Log } from '../log-event.js';
import type { KnowledgeStore, WrittenRows } from '../store/knowledge-store.js';
import { refreshStatistics } from '../store/refresh-statistics.js';
import type { Source } from './source.js';
import { emptyResult, type SourceSyncResult, type SyncProgress } from './sync-result.js';
import { syncPass } from './sync-source.js';
import type { SourceClaim, SourceIdentity, SyncStore } from './sync-store.js';

export interface SyncDependencies {
  readonly store: KnowledgeStore;
  readonly syncStore: SyncStore;
  /** Absent: keyword-only. */
  readonly embedder?: ActiveEmbedder;
  readonly log?: Log;
}

/** A configured source. */
export interface SyncTarget extends SourceIdentity {
  /** Fingerprint of the settings that decide what the source lists (no secrets). */
  readonly settings: string;
  /** Creates the adapter; throwing (a bad configuration) fails this source only. */
  readonly open: () => Source;
}

export interface SyncOptions {
  readonly targets: readonly SyncTarget[];
  /** Delete the documents of sources the database knows that are not among the targets. */
  readonly removeUnconfigured?: boolean;
  /** A source another process is syncing: wait for it (a command), or leave it (the schedule). */
  readonly whenBusy: 'wait' | 'skip';
  /** Sync only sources whose last pass finished at least this long ago (the schedule). */
  readonly dueAfterMs?: number;
  readonly chunking?: ChunkingOptions;
  /** Limits of an item's inflated size and text (decompression bombs). */
  readonly limits?: LoadLimits;
  /** Each item is parsed and chunked in a worker within these budgets, or reported. */
  readonly parseBudget?: Pick<
    DocumentPreparerOptions,
    'timeBudgetMs' | 'timePerMegabyteMs' | 'memoryBudgetMb'
  >;
  readonly maxItemBytes?: number;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Called once when waiting for another process begins. */
  readonly onWaiting?: (source: string) => void;
  readonly pollMs?: number;
}

export interface SyncSummary {
  readonly sources: SourceSyncResult[];
  /** Passages given vectors after the passes (written while the model was unavailable). */
  readonly embedded: number;
  readonly embeddingProblem?: string;
}

export const defaultMaxItemBytes = 50 * 1024 * 1024;

/**
 * One pass over each target, one source after another, each under its claim so no two
 * processes sync a source at once. A source that fails is reported and the others go on.
 */
export async function syncSources(
  dependencies: SyncDependencies,
  options: SyncOptions,
): Promise<SyncSummary> {
  const signal = options.signal ?? new AbortController().signal;
  const results: SourceSyncResult[] = [];
  const shared: Shared = {
    embedder: dependencies.embedder,
    embeddingProblem: undefined,
    // One worker parses every source's items within the same budgets as files.
    preparer: createDocumentPreparer({
      ...(options.chunking ? { chunking: options.chunking } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...options.parseBudget,
    }),
  };
  const claimOf = (identity: SourceIdentity) =>
    claimSource(dependencies, options, identity, signal);
  try {
    for (const target of options.targets) {
      if (signal.aborted) {
        results.push(emptyResult(target, 'interrupted'));
        continue;
      }
      const claim = await claimOf(target);
      if (!claim) continue;
      let result: SourceSyncResult;
      try {
        result = await passOver(dependencies, options, shared, target, claim, signal);
      } finally {
        await claim.release();
      }
      results.push(result);
      // Searches between passes (a bot syncing on schedule) rank with this pass's statistics.
      if (!signal.aborted) await refreshStatistics(dependencies, writtenBy([result], 0));
    }
  } finally {
    await shared.preparer.close();
  }
  const { embedder } = shared;
  let { embeddingProblem } = shared;
  const removed =
    options.removeUnconfigured && !signal.aborted
      ? await removeUnconfigured(dependencies, options.targets, claimOf)
      : [];
  results.push(...removed);
  const embedded =
    embedder && !signal.aborted
      ? await backfillEmbeddings(
          {
            store: dependencies.store,
            embedder,
            ...(dependencies.log ? { log: dependencies.log } : {}),
          },
          { signal },
        ).catch((error: unknown) => {
          embeddingProblem ??= describeError(error);
          return 0;
        })
      : 0;
  // Deleted sources and backfilled vectors; a no-op when they changed little.
  if (!signal.aborted) await refreshStatistics(dependencies, writtenBy(removed, embedded));
  return { sources: results, embedded, ...(embeddingProblem ? { embeddingProblem } : {}) };
}

function writtenBy(results: readonly SourceSyncResult[], vectors: number): WrittenRows {
  const documents = results.reduce(
    (sum, result) => sum + result.added + result.updated + result.deleted,
    0,
  );
  return { documents, vectors };
}

/** What the passes of one run share: the preparer, and the embedder until it fails. */
interface Shared {
  readonly preparer: DocumentPreparer;
  embedder: ActiveEmbedder | undefined;
  embeddingProblem: string | undefined;
}

async function passOver(
  dependencies: SyncDependencies,
  options: SyncOptions,
  shared: Shared,
  target: SyncTarget,
  claim: SourceClaim,
  signal: AbortSignal,
): Promise<SourceSyncResult> {
  let source: Source;
  try {
    source = target.open();
  } catch (error) {
    return recordFailure(claim, target, describeError(error));
  }
  const run = {
    store: dependencies.store,
    log: dependencies.log,
    source,
    identity: target,
    claim,
    preparer: shared.preparer,
    chunkingSignature: chunkingSignature(options.chunking),
    maxItemBytes: options.maxItemBytes ?? defaultMaxItemBytes,
    signal,
    embedder: shared.embedder,
    embeddingProblem: undefined,
  };
  const result = await syncPass(run, {
    settings: target.settings,
    concurrency: options.concurrency ?? 4,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  shared.embedder = run.embedder;
  shared.embeddingProblem ??= run.embeddingProblem;
  return result;
}

async function claimSource(
  dependencies: SyncDependencies,
  options: SyncOptions,
  identity: SourceIdentity,
  signal: AbortSignal,
): Promise<SourceClaim | undefined> {
  const claimOptions = options.dueAfterMs === undefined ? {} : { dueAfterMs: options.dueAfterMs };
  let waiting = false;
  for (;;) {
    const claim = await dependencies.syncStore.claim(identity, claimOptions);
    if (claim || options.whenBusy === 'skip' || signal.aborted) {
      // Under the schedule, "not due yet" looks the same and is the usual case: not logged.
      if (!claim && options.dueAfterMs === undefined)
        dependencies.log?.({ type: 'sync.busy', source: identity.name });
      return claim;
    }
    if (!waiting) options.onWaiting?.(identity.name);
    waiting = true;
    await sleep(options.pollMs ?? 1000, undefined, { signal }).catch(() => undefined);
  }
}

async function recordFailure(
  claim: SourceClaim,
  identity: SourceIdentity,
  error: string,
): Promise<SourceSyncResult> {
  await claim.finish({
    status: 'failed',
    counts: { added: 0, updated: 0, deleted: 0, unchanged: 0, failed: 0 },
    error,
    collection: claim.state.collection,
    startedAt: new Date(),
  });
  return emptyResult(identity, 'failed', error);
}

/** Sources removed from the configuration: their documents go, with a result that says so. */
async function removeUnconfigured(
  dependencies: SyncDependencies,
  targets: readonly SyncTarget[],
  claimOf: (identity: SourceIdentity) => Promise<SourceClaim | undefined>,
): Promise<SourceSyncResult[]> {
  const configured = new Set(targets.map((target) => target.name));
  const results: SourceSyncResult[] = [];
  for (const state of await dependencies.syncStore.sourceStates()) {
    if (configured.has(state.name)) continue;
    const claim = await claimOf(state);
    if (!claim) continue;
    try {
      const deleted = await claim.deleteAll();
      await claim.forget();
      dependencies.log?.({ type: 'sync.source_removed', source: state.name, deleted });
      results.push({ ...emptyResult(state, 'ok'), deleted, removed: true });
    } finally {
      await claim.release();
    }
  }
  return results;
}
