import type { SyncDependencies, SyncOptions, SyncTarget } from '@knowhow/rag-core';
import { PgSyncStore } from '@knowhow/store-pgvector';
import { logRetry } from '../cli-event.js';
import type { CommandContext } from '../command-context.js';
import type { Runtime } from '../open-runtime.js';
import type { ConfiguredSource } from '../sources/sources-config.js';
import { syncTargets } from '../sources/sync-targets.js';

/** What every sync the CLI runs shares: `knowhow sync`, `sync --schedule` and `start`. */
export interface SyncRun {
  readonly dependencies: SyncDependencies;
  /** The item limits of the environment, as ingest applies them to files. */
  readonly limits: Pick<SyncOptions, 'maxItemBytes' | 'parseBudget'>;
}

/** The stores and model of `runtime`, with the environment's item size and parse budgets. */
export function syncRun(
  context: CommandContext,
  runtime: Pick<Runtime, 'store' | 'embedder' | 'log'>,
): SyncRun {
  const { store, embedder, log } = runtime;
  return {
    dependencies: {
      store,
      syncStore: new PgSyncStore(store.database),
      log,
      ...(embedder ? { embedder } : {}),
    },
    limits: {
      maxItemBytes: context.env.KNOWHOW_MAX_FILE_MB * 1024 * 1024,
      parseBudget: {
        timeBudgetMs: context.env.KNOWHOW_PARSE_TIMEOUT_S * 1000,
        memoryBudgetMb: context.env.KNOWHOW_PARSE_MEMORY_MB,
      },
    },
  };
}

/** The configured sources as targets whose retries (a 429, a 503) go to the operator log. */
export function configuredTargets(
  context: CommandContext,
  sources: readonly ConfiguredSource[],
): SyncTarget[] {
  return syncTargets(sources, logRetry(context.logger));
}
