import { createHash } from 'node:crypto';
import type { Database, Queryable, QueryOptions } from './database.js';

// The members of pg's Pool and PoolClient the store uses; any compatible pool fits.
interface PgResult {
  rows: unknown[];
}

/** A named statement: pg parses it once per connection. */
interface PgQueryConfig {
  name: string;
  text: string;
  values: unknown[];
}

export interface PgClientLike {
  query(text: string | PgQueryConfig, values?: unknown[]): Promise<PgResult>;
  release(error?: Error | boolean): void;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  off?(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PgPoolLike {
  query(text: string | PgQueryConfig, values?: unknown[]): Promise<PgResult>;
  connect(): Promise<PgClientLike>;
  end(): Promise<void>;
}

const statementName = (sql: string) =>
  `knowhow_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;

function queryable(target: Pick<PgPoolLike, 'query'>): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      // The name is the text's hash: one name never stands for two texts on a connection.
      const result = options.prepared
        ? await target.query({ name: statementName(sql), text: sql, values: [...params] })
        : await target.query(sql, [...params]);
      return { rows: result.rows as Row[] };
    },
    async execute(script: string) {
      // Without parameters pg uses the simple protocol, which allows several statements.
      await target.query(script);
    },
  };
}

export function createPgDatabase(pool: PgPoolLike): Database {
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A client whose rollback fails is broken; passing the error makes the pool drop it.
        const rollback = await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: unknown) => rollbackError,
        );
        client.release(rollback instanceof Error ? rollback : undefined);
        throw error;
      }
    },
    async reserve() {
      const client = await pool.connect();
      let released = false;
      // A connection lost while reserved (the server restarted) must not crash the process;
      // its next query fails instead, and release drops it.
      let lost = false;
      const onError = () => {
        lost = true;
      };
      client.on?.('error', onError);
      return {
        ...queryable(client),
        release(broken = false) {
          if (released) return;
          released = true;
          client.off?.('error', onError);
          client.release(broken || lost);
        },
      };
    },
    close: () => pool.end(),
  };
}
