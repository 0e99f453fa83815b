import { runSyncSchedule } from '@knowhow/rag-core';
import { PgSyncStore } from '@knowhow/store-pgvector';
import { type CommandContext, withRuntime } from '../command-context.js';
import { defaultSyncIntervalMs } from '../env.js';
import { formatSyncSummary, syncSummaryToJson } from '../output/format-sync-summary.js';
import type { ConfiguredSource } from '../sources/sources-config.js';
import { syncTargets } from '../sources/sync-targets.js';

/**
 * `knowhow sync --schedule`: every source of knowhow.yaml every KNOWHOW_SYNC_INTERVAL, until
 * Ctrl-C or SIGTERM (after the item being written), for a process of its own (compose's `sync`
 * service). Passes are claimed in Postgres as in `knowhow start`, so it may run beside bots
 * that sync too: each pass is run once. Each pass's report is printed (`--json`: one line).
 */
export async function syncOnSchedule(
  context: CommandContext,
  sources: readonly ConfiguredSource[],
  options: { readonly json: boolean },
): Promise<number> {
  const intervalMs = context.env.KNOWHOW_SYNC_INTERVAL ?? defaultSyncIntervalMs;
  if (intervalMs === 0) {
    context.warn(
      'KNOWHOW_SYNC_INTERVAL=0 turns the schedule off: set it to an interval such as 15m, or run knowhow sync without --schedule for one pass.',
    );
    return 2;
  }
  return withRuntime(context, 'ingest', async (runtime) => {
    const names = sources.map((source) => source.name).join(', ') || 'no sources';
    context.print(
      `Syncing ${names} every ${Math.round(intervalMs / 1000)} s (KNOWHOW_SYNC_INTERVAL). Ctrl-C stops it.`,
    );
    await runSyncSchedule(
      {
        store: runtime.store,
        syncStore: new PgSyncStore(runtime.store.database),
        log: runtime.log,
        ...(runtime.embedder ? { embedder: runtime.embedder } : {}),
      },
      {
        targets: syncTargets(sources, (source, notice) =>
          context.logger.info({ source, ...notice }, 'sync.retry'),
        ),
        intervalMs,
        maxItemBytes: context.env.KNOWHOW_MAX_FILE_MB * 1024 * 1024,
        parseBudget: {
          timeBudgetMs: context.env.KNOWHOW_PARSE_TIMEOUT_S * 1000,
          memoryBudgetMb: context.env.KNOWHOW_PARSE_MEMORY_MB,
        },
        signal: context.stopGracefully(),
        onPass: (summary) =>
          context.print(
            options.json ? JSON.stringify(syncSummaryToJson(summary)) : formatSyncSummary(summary),
          ),
      },
    );
    context.print('Stopped.');
    return 0;
  });
}
