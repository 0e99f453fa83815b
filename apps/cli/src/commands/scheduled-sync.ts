import { runSyncSchedule, type SyncTarget } from '@knowhow/rag-core';
import type { BotHost } from '@knowhow/bot-host';
import { cliLog } from '../cli-event.js';
import type { CommandContext } from '../command-context.js';
import { defaultSyncIntervalMs } from '../env.js';
import type { Runtime } from '../open-runtime.js';
import { loadSourcesConfig } from '../sources/sources-config.js';
import { describeCommandError } from '../user-messages.js';
import { watchSync } from './sync-metrics.js';
import { configuredTargets, syncRun } from './sync-run.js';

export interface SyncPlan {
  readonly targets: readonly SyncTarget[];
  readonly intervalMs: number;
}

/**
 * What `knowhow start` syncs while it runs: the sources of knowhow.yaml every
 * KNOWHOW_SYNC_INTERVAL. A knowhow.yaml that cannot be read is said once; the bots still run.
 */
export function planScheduledSync(context: CommandContext): SyncPlan | undefined {
  const intervalMs = context.env.KNOWHOW_SYNC_INTERVAL ?? defaultSyncIntervalMs;
  if (intervalMs === 0) return undefined;
  try {
    const config = loadSourcesConfig(
      context.env.KNOWHOW_CONFIG,
      context.directory,
      context.variables,
    );
    if (config.sources.length === 0) return undefined;
    return { targets: configuredTargets(context, config.sources), intervalMs };
  } catch (error) {
    context.warn(`Note: sources are not synced: ${describeCommandError(error)}`);
    cliLog(context.logger).failed('sync.config_failed', error);
    return undefined;
  }
}

/** Runs the schedule until `signal` aborts; resolves after the item being written. */
export function runScheduledSync(
  context: CommandContext,
  runtime: Runtime,
  plan: SyncPlan,
  host: BotHost,
  signal: AbortSignal,
): Promise<void> {
  const metrics = watchSync(host, plan.intervalMs);
  runtime.onEvent((event) => metrics.observe(event));
  context.print(
    `Syncing ${plan.targets.map((target) => target.name).join(', ')} every ${Math.round(plan.intervalMs / 1000)} s (KNOWHOW_SYNC_INTERVAL).`,
  );
  const { dependencies, limits } = syncRun(context, runtime);
  // No maxFailedRounds: the bots keep answering from what the database has when it is back.
  return runSyncSchedule(dependencies, {
    ...limits,
    targets: plan.targets,
    intervalMs: plan.intervalMs,
    signal,
    onRound: () => metrics.round(),
  });
}
