import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowhowError } from '@knowhow/rag-core';
import type { Database } from './database.js';

/** The repository's `migrations/` folder. */
export const defaultMigrationsDirectory = fileURLToPath(
  new URL('../../../migrations/', import.meta.url),
);

const migrationFile = /^\d{4}_[a-z0-9_]+\.sql$/;
// Serialises migrations of processes that start at the same time against one server.
const migrationLock = 72_347_001;

export interface MigrateOptions {
  readonly directory?: string;
  readonly onApplied?: (name: string) => void;
}

/**
 * Applies `NNNN_name.sql` files in order, each in its own transaction, recording name and
 * checksum. An applied migration that was edited afterwards is an error, not a silent skip.
 */
export async function migrate(database: Database, options: MigrateOptions = {}): Promise<string[]> {
  const directory = options.directory ?? defaultMigrationsDirectory;
  const names = (await readdir(directory)).filter((name) => migrationFile.test(name)).sort();
  await database.transaction(async (transaction) => {
    await transaction.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await transaction.execute(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  const applied: string[] = [];
  for (const name of names) {
    const script = await readFile(join(directory, name), 'utf8');
    const checksum = createHash('sha256').update(script).digest('hex');
    const ran = await database.transaction(async (transaction) => {
      await transaction.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
      const { rows } = await transaction.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE name = $1',
        [name],
      );
      const recorded = rows[0]?.checksum;
      if (recorded === checksum) return false;
      if (recorded !== undefined) {
        throw new KnowhowError(
          'migration_failed',
          `migration ${name} was changed after it was applied; add a new migration instead`,
        );
      }
      await transaction.execute(script).catch((error: unknown) => {
        throw new KnowhowError(
          'migration_failed',
          `migration ${name} failed: ${(error as Error).message}`,
          { cause: error },
        );
      });
      await transaction.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
        name,
        checksum,
      ]);
      return true;
    });
    if (ran) {
      applied.push(name);
      options.onApplied?.(name);
    }
  }
  return applied;
}
