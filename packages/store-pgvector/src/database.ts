/**
 * The tiny query interface both backends implement, so the store runs the same SQL on a
 * Postgres server (pg) and on embedded PGlite.
 */
export interface QueryOptions {
  /**
   * A statement run again and again (search): pg prepares it once per connection, and the
   * server may then reuse a plan instead of planning each call. PGlite ignores it.
   */
  readonly prepared?: boolean;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<{ rows: Row[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  execute(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T>;
  /**
   * A session of its own until `release()`, for session state such as advisory locks (which
   * end with the session, so a killed process holds none). PGlite has one session: its own.
   */
  reserve(): Promise<ReservedSession>;
  close(): Promise<void>;
}

export interface ReservedSession extends Queryable {
  /** `broken`: the session's state is unknown (a failed unlock); close it instead of reusing it. */
  release(broken?: boolean): void;
}
