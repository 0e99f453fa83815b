import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, KnowhowError } from '../errors.js';
import {
  type SyncDependencies,
  type SyncOptions,
  type SyncSummary,
  syncSources,
} from './sync-sources.js';

export interface ScheduleOptions extends Omit<
  SyncOptions,
  'whenBusy' | 'dueAfterMs' | 'removeUnconfigured' | 'signal'
> {
  /** How long after a source's last pass it is due again. */
  readonly intervalMs: number;
  /** How often this process looks for due sources; default the interval, at most a minute. */
  readonly pollMs?: number;
  readonly signal: AbortSignal;
  readonly onPass?: (summary: SyncSummary) => void;
  /** After each round, whatever its sources did: the schedule is alive. */
  readonly onRound?: () => void;
  /**
   * Rejects (`database_unavailable`) once this many rounds in a row failed, so a process of
   * its own exits and its supervisor (compose's `restart: on-failure`) restarts it and alerts.
   * A source's failure does not fail the round; the database does. Absent: tries forever.
   */
  readonly maxFailedRounds?: number;
}

/**
 * Keeps the sources in sync while a service runs. When a source is due is recorded in
 * Postgres (its last pass), and each pass is claimed there: every process may run this loop
 * against one database, and a source is synced by one of them at a time, once per interval.
 * Resolves when `signal` aborts, after the item being written.
 */
export async function runSyncSchedule(
  dependencies: SyncDependencies,
  options: ScheduleOptions,
): Promise<void> {
  const pollMs = options.pollMs ?? Math.min(options.intervalMs, 60_000);
  let failedRounds = 0;
  while (!options.signal.aborted) {
    try {
      const summary = await syncSources(dependencies, {
        ...options,
        whenBusy: 'skip',
        dueAfterMs: options.intervalMs,
        removeUnconfigured: true,
      });
      failedRounds = 0;
      if (summary.sources.length > 0) options.onPass?.(summary);
    } catch (error) {
      // The database went away: the next round tries again, up to maxFailedRounds in a row.
      failedRounds += 1;
      dependencies.log?.({ type: 'sync.schedule_failed', error: describeError(error) });
      const givingUp =
        options.maxFailedRounds !== undefined && failedRounds >= options.maxFailedRounds;
      if (givingUp && !options.signal.aborted) {
        throw new KnowhowError(
          'database_unavailable',
          `${failedRounds} sync rounds in a row failed on the database (the last: ${describeError(error)})`,
          { cause: error },
        );
      }
    }
    options.onRound?.();
    // Spread out, so processes started together do not all look at the same moment.
    const wait = pollMs * (0.8 + Math.random() * 0.4);
    await sleep(wait, undefined, { signal: options.signal }).catch(() => undefined);
  }
}
