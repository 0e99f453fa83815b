import { isKnowhowError, runSyncSchedule } from '@knowhow/rag-core';
import { type CommandContext, withRuntime } from '../command-context.js';
import { defaultSyncIntervalMs } from '../env.js';
import { formatSyncSummary, syncSummaryToJson } from '../output/format-sync-summary.js';
import type { ConfiguredSource } from '../sources/sources-config.js';
import { configuredTargets, syncRun } from './sync-run.js';

/**
 * Rounds in a row that failed on the database before the process exits 1: compose's
 * `restart: on-failure` then restarts it, and the restarts show. A minute apart at most
 * (the poll interval), so a database restart or a failover is ridden out.
 */
export const maxFailedRounds = 5;

/**
 * `knowhow sync --schedule`: every source of knowhow.yaml every KNOWHOW_SYNC_INTERVAL, until
 * Ctrl-C or SIGTERM (after the item being written), for a process of its own (compose's `sync`
 * service). Passes are claimed in Postgres as in `knowhow start`, so it may run beside bots
 * that sync too: each pass is run once. Each pass's report is printed (`--json`: one line on
 * stdout, and nothing else there). Exit 1 when the database failed `maxFailedRounds` in a row.
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
  // With --json, stdout carries only the reports: one JSON document a line.
  const say = options.json ? context.warn : context.print;
  return withRuntime(context, 'ingest', async (runtime) => {
    const names = sources.map((source) => source.name).join(', ') || 'no sources';
    say(
      `Syncing ${names} every ${Math.round(intervalMs / 1000)} s (KNOWHOW_SYNC_INTERVAL). Ctrl-C stops it.`,
    );
    const { dependencies, limits } = syncRun(context, runtime);
    try {
      await runSyncSchedule(dependencies, {
        ...limits,
        targets: configuredTargets(context, sources),
        intervalMs,
        maxFailedRounds,
        signal: context.stopGracefully(),
        onPass: (summary) =>
          context.print(
            options.json ? JSON.stringify(syncSummaryToJson(summary)) : formatSyncSummary(summary),
          ),
      });
    } catch (error) {
      if (!isKnowhowError(error) || error.code !== 'database_unavailable') throw error;
      context.warn(
        `Stopping: ${error.message}. Check DATABASE_URL and that the server is up; compose's restart: on-failure starts the service again.`,
      );
      return 1;
    }
    say('Stopped.');
    return 0;
  });
}
