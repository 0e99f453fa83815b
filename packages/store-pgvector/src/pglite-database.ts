import type { Database, Queryable } from './database.js';

// The members of PGlite the store uses.
interface PgliteQueryable {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface PgliteLike extends PgliteQueryable {
  transaction<T>(work: (transaction: PgliteQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function queryable(target: PgliteQueryable): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return { rows: result.rows };
    },
    async execute(script: string) {
      await target.exec(script);
    },
  };
}

/** PGlite runs one session in-process; its transaction() serialises concurrent callers. */
export function createPgliteDatabase(pglite: PgliteLike, onClose?: () => void): Database {
  return {
    kind: 'pglite',
    ...queryable(pglite),
    transaction: (work) => pglite.transaction((transaction) => work(queryable(transaction))),
    reserve: async () => ({ ...queryable(pglite), release: () => undefined }),
    async close() {
      try {
        await pglite.close();
      } finally {
        onClose?.();
      }
    },
  };
}
