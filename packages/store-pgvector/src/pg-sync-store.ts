import type {
  ClaimOptions,
  SourceClaim,
  SourceIdentity,
  SourceState,
  SyncStore,
} from '@knowhow/rag-core';
import type { Database, ReservedSession } from './database.js';
import {
  deleteItem,
  deleteSourceDocuments,
  ensureSource,
  findItems,
  findSourceStates,
  isDue,
  recordPass,
  sourceLock,
  upsertFailure,
  upsertItem,
} from './sync-queries.js';

// A session's advisory locks are re-entrant, and PGlite has a single session: the claims
// this process holds are also kept per database, for every store over it.
const claimedHere = new WeakMap<Database, Set<string>>();

/**
 * Sync state in Postgres beside the documents. A claim is a session advisory lock on a
 * connection of its own: held while the pass runs, gone when the process is.
 */
export class PgSyncStore implements SyncStore {
  readonly #database: Database;
  readonly #claimed: Set<string>;

  constructor(database: Database) {
    this.#database = database;
    let claimed = claimedHere.get(database);
    if (!claimed) claimedHere.set(database, (claimed = new Set()));
    this.#claimed = claimed;
  }

  sourceStates(): Promise<SourceState[]> {
    return findSourceStates(this.#database);
  }

  async claim(
    source: SourceIdentity,
    options: ClaimOptions = {},
  ): Promise<SourceClaim | undefined> {
    if (this.#claimed.has(source.name)) return undefined;
    this.#claimed.add(source.name);
    let session: ReservedSession | undefined;
    let locked = false;
    try {
      session = await this.#database.reserve();
      const { rows } = await session.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [sourceLock, source.name],
      );
      locked = rows[0]?.locked === true;
      if (!locked) return this.#unclaim(source.name, session, false);
      // Checked under the lock: another process may have just finished a pass.
      if (
        options.dueAfterMs !== undefined &&
        !(await isDue(this.#database, source.name, options.dueAfterMs))
      ) {
        return this.#unclaim(source.name, session, true);
      }
      await ensureSource(this.#database, source);
      const [state] = await findSourceStates(this.#database, source.name);
      if (!state) throw new Error(`source ${source.name} has no record`);
      return this.#claimFor(source, state, session);
    } catch (error) {
      await this.#unclaim(source.name, session, locked).catch(() => undefined);
      throw error;
    }
  }

  #claimFor(source: SourceIdentity, state: SourceState, session: ReservedSession): SourceClaim {
    const database = this.#database;
    let released = false;
    return {
      state,
      items: () => findItems(database, source.name),
      saveItem: (item) => upsertItem(database, source.name, item),
      saveFailure: (failure) => upsertFailure(database, source.name, failure),
      deleteItem: (id) =>
        database.transaction((transaction) =>
          deleteItem(transaction, source.name, state.collection, id),
        ),
      deleteAll: () =>
        database.transaction((transaction) => deleteSourceDocuments(transaction, source.name)),
      forget: async () => {
        await database.query('DELETE FROM sync_sources WHERE name = $1', [source.name]);
      },
      finish: (pass) => recordPass(database, source, pass),
      release: async () => {
        if (released) return;
        released = true;
        await this.#unclaim(source.name, session, true);
      },
    };
  }

  async #unclaim(
    name: string,
    session: ReservedSession | undefined,
    locked: boolean,
  ): Promise<undefined> {
    let broken = false;
    try {
      if (session && locked) {
        await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [sourceLock, name]);
      }
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      session?.release(broken);
      this.#claimed.delete(name);
    }
    return undefined;
  }
}
