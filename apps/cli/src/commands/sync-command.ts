import { type SyncProgress, syncSources } from '@knowhow/rag-core';
import { type CommandContext, withRuntime } from '../command-context.js';
import { formatSyncSummary, syncSummaryToJson } from '../output/format-sync-summary.js';
import { loadSourcesConfig } from '../sources/sources-config.js';
import { configuredTargets, syncRun } from './sync-run.js';

export interface SyncCommandOptions {
  readonly source?: string;
  readonly json: boolean;
  /** Keep syncing every KNOWHOW_SYNC_INTERVAL until stopped (sync-on-schedule.ts). */
  readonly schedule?: boolean;
}

/**
 * `knowhow sync [--source NAME]`: one pass over every source in knowhow.yaml (or one). Exit 1
 * when a source or an item failed, 130 when stopped with Ctrl-C, 2 for a usage problem.
 * `--schedule`: passes on the schedule until stopped, exit 0.
 */
export async function runSync(
  context: CommandContext,
  options: SyncCommandOptions,
): Promise<number> {
  const config = loadSourcesConfig(
    context.env.KNOWHOW_CONFIG,
    context.directory,
    context.variables,
  );
  if (!config.path) {
    context.warn(
      `No knowhow.yaml in ${context.directory} (or set KNOWHOW_CONFIG to its path). List the sources to sync there; see "Sources" in the README.`,
    );
    return 2;
  }
  if (options.schedule) {
    // A schedule removes the documents of sources not in the file: it needs the whole file.
    if (options.source) {
      context.warn('--schedule syncs every source in knowhow.yaml; it does not take --source.');
      return 2;
    }
    const { syncOnSchedule } = await import('./sync-on-schedule.js');
    return syncOnSchedule(context, config.sources, { json: options.json });
  }
  const selected = options.source
    ? config.sources.filter((source) => source.name === options.source)
    : config.sources;
  if (options.source && selected.length === 0) {
    const names = config.sources.map((source) => source.name).join(', ') || 'none';
    context.warn(`No source named "${options.source}" in ${config.path} (sources: ${names}).`);
    return 2;
  }
  return withRuntime(context, 'ingest', async (runtime) => {
    const progress = createProgress(context, options.json);
    const { dependencies, limits } = syncRun(context, runtime);
    const summary = await syncSources(dependencies, {
      ...limits,
      targets: configuredTargets(context, selected),
      // Only a pass over the whole file knows which sources were removed from it.
      removeUnconfigured: !options.source,
      whenBusy: 'wait',
      onWaiting: (name) =>
        context.warn(`${name} is being synced by another process; waiting for it to finish…`),
      signal: context.stopGracefully(),
      onProgress: progress.update,
    }).finally(progress.stop);
    context.print(
      options.json
        ? JSON.stringify(syncSummaryToJson(summary), null, 2)
        : formatSyncSummary(summary),
    );
    if (summary.sources.some((result) => result.status === 'interrupted')) return 130;
    const failed = summary.sources.some(
      (result) => result.error !== undefined || result.failed.length > 0,
    );
    return failed ? 1 : 0;
  });
}

/** One line on the terminal per source while it syncs; nothing when not interactive. */
function createProgress(context: CommandContext, json: boolean) {
  let last = 0;
  let shown = false;
  const update = (progress: SyncProgress) => {
    if (!context.interactive || json) return;
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    shown = true;
    process.stderr.write(
      `\r\x1b[2K ${progress.source}: ${progress.listed} listed · ${progress.done} done · ${progress.failed} failed`,
    );
  };
  const stop = () => {
    if (shown) process.stderr.write('\r\x1b[2K');
  };
  return { update, stop };
}
