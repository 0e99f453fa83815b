import { describeError } from '../errors.js';
import type { Log } from '../log-event.js';
import type { KnowledgeStore, WrittenRows } from './knowledge-store.js';

/**
 * Asks the store to refresh its statistics after a batch of writes, as an optimisation only:
 * the writes are committed, so a failure (a lock or statement timeout, a dropped connection)
 * is logged and the run goes on; the next batch or autovacuum refreshes them.
 */
export async function refreshStatistics(
  dependencies: { readonly store: KnowledgeStore; readonly log?: Log | undefined },
  written: WrittenRows,
): Promise<void> {
  try {
    await dependencies.store.refreshStatistics(written);
  } catch (error) {
    dependencies.log?.({ type: 'store.statistics_failed', error: describeError(error) });
  }
}
