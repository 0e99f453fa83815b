import { describeError, type KnowhowErrorCode } from '../errors.js';
import { elapsed } from '../log-event.js';
import type { KnownItem, ListingEnd, SourceChange, SourceItem } from './source.js';
import type { FailedItem, SourceSyncResult, SyncProgress } from './sync-result.js';
import { sourceUri } from './source-uri.js';
import type { StoredItem, SyncCounts, SyncStatus } from './sync-store.js';
import { type SyncRun, writeItem } from './write-item.js';

export interface PassOptions {
  /** Fingerprint of the source's settings; a change lists everything again. */
  readonly settings: string;
  /** Items downloaded and written at the same time. */
  readonly concurrency: number;
  readonly onProgress?: (progress: SyncProgress) => void;
}

/**
 * One pass over a claimed source: list what changed since the cursor, write what is new or
 * changed (each item in its own transaction), delete what is gone, record the cursor. Items
 * whose version was written before are neither downloaded nor written again.
 */
export async function syncPass(run: SyncRun, options: PassOptions): Promise<SourceSyncResult> {
  const started = performance.now();
  const startedAt = new Date();
  const { claim, identity } = run;
  const previous = claim.state;
  let stored = await claim.items();
  if (previous.collection !== identity.collection) {
    // Documents live per collection: moving the source rewrites every item in the new one.
    await claim.deleteAll();
    stored = new Map();
  }
  // Versions written with other chunking rules are stale: those items are written again, and
  // a change feed has to list everything for that.
  const stale = [...stored.values()].some(
    (item) => item.version !== null && item.chunking !== run.chunkingSignature,
  );
  const relist = stale || previous.settings !== options.settings;
  const known: ReadonlyMap<string, KnownItem> = stale
    ? forgetStaleVersions(stored, run.chunkingSignature)
    : stored;
  const pass = new Pass(run, known, options);
  let end: ListingEnd | undefined;
  let error: string | undefined;
  try {
    end = await pass.list(relist ? undefined : previous.cursor);
  } catch (failure) {
    error = describeError(failure);
  }
  await pass.settled();
  if (pass.fatal) error ??= describeError(pass.fatal);
  const interrupted = run.signal.aborted && error === undefined;
  // Deletions need a listing that ran to its end: anything less may just not have reached it.
  if (end?.complete && !interrupted && error === undefined) {
    for (const id of stored.keys()) {
      if (!pass.seen.has(id)) await pass.delete(id);
    }
  }
  const status: SyncStatus =
    error !== undefined
      ? 'failed'
      : interrupted
        ? 'interrupted'
        : pass.failed.length > 0
          ? 'partial'
          : 'ok';
  const counts: SyncCounts = { ...pass.counts, failed: pass.failed.length };
  await claim.finish({
    status,
    counts,
    ...(error === undefined ? {} : { error }),
    ...(status === 'ok' || status === 'partial'
      ? { cursor: end?.cursor ?? null, settings: options.settings }
      : {}),
    collection: identity.collection,
    startedAt,
  });
  run.log?.({
    type: 'sync.finished',
    source: identity.name,
    status,
    ...pass.counts,
    failed: pass.failed.length,
    ...(error === undefined ? {} : { error }),
    durationMs: elapsed(started),
  });
  return {
    ...identity,
    status,
    ...pass.counts,
    failed: pass.failed,
    ...(error === undefined ? {} : { error }),
    seconds: (performance.now() - started) / 1000,
  };
}

function forgetStaleVersions(
  stored: Map<string, StoredItem>,
  chunking: string,
): Map<string, StoredItem> {
  return new Map(
    [...stored].map(([id, item]) => [
      id,
      item.chunking === chunking ? item : { ...item, version: null },
    ]),
  );
}

/** The state of one pass: what was seen, what is in flight, the counts. */
class Pass {
  readonly seen = new Set<string>();
  readonly failed: FailedItem[] = [];
  readonly counts = { added: 0, updated: 0, deleted: 0, unchanged: 0 };
  /** A failure that is not an item's (the database): stops the pass. */
  fatal: unknown;
  readonly #inFlight = new Map<string, Promise<void>>();
  #listed = 0;
  #done = 0;

  constructor(
    readonly run: SyncRun,
    readonly known: ReadonlyMap<string, KnownItem>,
    readonly options: PassOptions,
  ) {}

  async list(cursor: string | undefined): Promise<ListingEnd | undefined> {
    const listing = this.run.source.list({ cursor, known: this.known, signal: this.run.signal });
    try {
      for (;;) {
        if (this.run.signal.aborted || this.fatal) return undefined;
        const next = await listing.next();
        if (next.done) return next.value;
        await this.#take(next.value);
      }
    } finally {
      // Lets the adapter close what it opened when the pass stops early.
      if (this.run.signal.aborted || this.fatal) await listing.return(undefined as never);
    }
  }

  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight.values());
  }

  async delete(id: string): Promise<void> {
    await this.#inFlight.get(id);
    if (!this.known.has(id)) return;
    await this.run.claim.deleteItem(id);
    this.counts.deleted += 1;
    this.run.log?.({ type: 'sync.item', source: this.run.identity.name, id, outcome: 'deleted' });
  }

  async #take(change: SourceChange): Promise<void> {
    if (change.type === 'deleted') {
      this.seen.add(change.id);
      await this.delete(change.id);
      return;
    }
    const id = change.type === 'item' ? change.item.id : change.id;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.#listed += 1;
    if (change.type === 'failed') {
      await this.#fail(change.id, change.title, change.url, change.reason);
      this.#report();
      return;
    }
    const known = this.known.get(change.item.id);
    if (known && !known.failed && known.version === change.item.version) {
      this.counts.unchanged += 1;
      this.#done += 1;
      this.#report();
      return;
    }
    while (this.#inFlight.size >= this.options.concurrency)
      await Promise.race(this.#inFlight.values());
    const work = this.#write(change.item).finally(() => this.#inFlight.delete(change.item.id));
    this.#inFlight.set(change.item.id, work);
  }

  async #write(item: SourceItem): Promise<void> {
    const started = performance.now();
    try {
      const written = await writeItem(this.run, item);
      if ('failure' in written) {
        const { failure } = written;
        await this.#fail(item.id, item.title, item.url, describeError(failure), failure.code);
      } else {
        this.counts[written.outcome] += 1;
        this.#done += 1;
        this.run.log?.({
          type: 'sync.item',
          source: this.run.identity.name,
          id: item.id,
          outcome: written.outcome,
          durationMs: elapsed(started),
        });
      }
    } catch (error) {
      // Not a problem of the item (the database, or recording its failure): the pass ends.
      if (!this.run.signal.aborted) this.fatal ??= error;
      return;
    }
    this.#report();
  }

  async #fail(
    id: string,
    title: string | undefined,
    url: string | undefined,
    reason: string,
    code?: KnowhowErrorCode,
  ): Promise<void> {
    this.failed.push({ id, title: title ?? null, url: url ?? null, reason });
    this.run.log?.({
      type: 'sync.item',
      source: this.run.identity.name,
      id,
      outcome: 'failed',
      ...(code ? { code } : {}),
      error: reason,
    });
    await this.run.claim.saveFailure({
      id,
      uri: sourceUri(this.run.identity.name, id),
      title,
      url,
      reason,
    });
  }

  #report(): void {
    this.options.onProgress?.({
      source: this.run.identity.name,
      listed: this.#listed,
      done: this.#done,
      failed: this.failed.length,
    });
  }
}
