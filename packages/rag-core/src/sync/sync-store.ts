import type { JsonValue, KnownItem } from './source.js';

/**
 * The sync engine's state port: per source a cursor and its last result, per item the version
 * last written. store-pgvector keeps it in Postgres next to the documents, so every process
 * sharing the database shares it.
 */
export interface SyncStore {
  /** Every source the database knows, configured or not, with its last result. */
  sourceStates(): Promise<SourceState[]>;
  /**
   * Takes a source for this process, creating its record on first use; undefined when another
   * process (or another pass in this one) has it. The claim is a session lock: it ends with
   * `release()` or when the process's connection ends, so a killed sync leaves nothing behind
   * that has to expire.
   */
  claim(source: SourceIdentity, options?: ClaimOptions): Promise<SourceClaim | undefined>;
}

export interface SourceIdentity {
  readonly name: string;
  readonly type: string;
  readonly collection: string;
}

export interface ClaimOptions {
  /** Only when the last pass finished at least this long ago (or never ran). */
  readonly dueAfterMs?: number;
}

export interface SourceState extends SourceIdentity {
  /** Where the next pass continues; undefined when no pass completed (or settings changed). */
  readonly cursor: string | undefined;
  /** Fingerprint of the settings the cursor belongs to; a change lists everything again. */
  readonly settings: string;
  readonly lastStartedAt: Date | undefined;
  readonly lastFinishedAt: Date | undefined;
  readonly lastStatus: SyncStatus | undefined;
  readonly lastError: string | undefined;
  readonly lastCounts: SyncCounts | undefined;
  /** Documents of this source in the knowledge base now. */
  readonly documents: number;
  /** Items whose last attempt failed. */
  readonly failedItems: number;
}

export type SyncStatus = 'ok' | 'partial' | 'failed' | 'interrupted';

export interface SyncCounts {
  readonly added: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly failed: number;
}

export interface StoredItem extends KnownItem {
  /** The document's uri in the source's collection. */
  readonly uri: string;
  /** The chunking rules the version was written with; null when never written. */
  readonly chunking: string | null;
}

export interface ItemRecord {
  readonly id: string;
  readonly uri: string;
  readonly version: string;
  readonly chunking: string;
  readonly title: string;
  readonly url: string;
  readonly state: JsonValue | null;
}

export interface ItemFailure {
  readonly id: string;
  readonly uri: string;
  readonly title: string | undefined;
  readonly url: string | undefined;
  readonly reason: string;
}

export interface SourceClaim {
  /** The state as the previous pass left it. */
  readonly state: SourceState;
  items(): Promise<Map<string, StoredItem>>;
  /** Records the version written; called after the document's own transaction committed. */
  saveItem(item: ItemRecord): Promise<void>;
  /** Records a failed attempt; the item's document, if any, stays as it was. */
  saveFailure(failure: ItemFailure): Promise<void>;
  /** Deletes the item's document and its record in one transaction. */
  deleteItem(id: string): Promise<void>;
  /** Deletes every document and item of the source (removed from the configuration, or moved to another collection). */
  deleteAll(): Promise<number>;
  /** Forgets the source itself, after `deleteAll`. */
  forget(): Promise<void>;
  /** Records the pass: status, counts, error, and the cursor when the listing completed. */
  finish(result: PassRecord): Promise<void>;
  release(): Promise<void>;
}

export interface PassRecord {
  readonly status: SyncStatus;
  readonly counts: SyncCounts;
  readonly error?: string;
  /** Absent keeps the previous value: a pass that did not complete changes none of these. */
  readonly cursor?: string | null;
  readonly settings?: string;
  /** Always recorded: the documents written so far are in this collection. */
  readonly collection: string;
  readonly startedAt: Date;
}
