import type { SyncTarget } from '@knowhow/rag-core';
import type { RetryNotice } from '@knowhow/sources';
import type { ConfiguredSource } from './sources-config.js';

/** The configured sources as the sync engine's targets; a broken entry fails when opened. */
export function syncTargets(
  sources: readonly ConfiguredSource[],
  onRetry?: (source: string, notice: RetryNotice) => void,
): SyncTarget[] {
  return sources.map((source) => ({
    name: source.name,
    type: source.type,
    collection: source.collection,
    settings: source.settings,
    open: () => {
      if (!source.sourceType || source.problem)
        throw new Error(source.problem ?? 'invalid settings');
      return source.sourceType.create(source.options, {
        name: source.name,
        ...(onRetry ? { onRetry: (notice: RetryNotice) => onRetry(source.name, notice) } : {}),
      });
    },
  }));
}
