import type { SyncStatus } from './sync-store.js';

/** What one pass over one source did; `knowhow sync --json` prints these. */
export interface SourceSyncResult {
  readonly name: string;
  readonly type: string;
  readonly collection: string;
  readonly status: SyncStatus;
  readonly added: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly failed: readonly FailedItem[];
  /** Why the whole source failed; its documents are kept as they were. */
  readonly error?: string;
  /** The source is no longer configured: its documents were deleted. */
  readonly removed?: boolean;
  readonly seconds: number;
}

export interface FailedItem {
  readonly id: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly reason: string;
}

export interface SyncProgress {
  readonly source: string;
  /** Items the listing named so far. */
  readonly listed: number;
  /** Items downloaded and written, or found unchanged. */
  readonly done: number;
  readonly failed: number;
}

export function emptyResult(
  identity: { name: string; type: string; collection: string },
  status: SyncStatus,
  error?: string,
): SourceSyncResult {
  return {
    ...identity,
    status,
    added: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    failed: [],
    ...(error === undefined ? {} : { error }),
    seconds: 0,
  };
}
