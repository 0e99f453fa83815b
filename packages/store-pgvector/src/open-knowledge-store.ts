import { migrate } from './migrate.js';
import { type OpenDatabaseOptions, openDatabase } from './open-database.js';
import { PgKnowledgeStore } from './pg-knowledge-store.js';
import type { SearchTuning } from './search-query.js';

export interface OpenKnowledgeStoreOptions extends OpenDatabaseOptions {
  readonly migrationsDirectory?: string;
  readonly onMigrationApplied?: (name: string) => void;
  readonly search?: Partial<SearchTuning>;
}

/** Opens the database, applies pending migrations and returns the store. */
export async function openKnowledgeStore(
  options: OpenKnowledgeStoreOptions = {},
): Promise<PgKnowledgeStore> {
  const database = await openDatabase(options);
  try {
    await migrate(database, {
      ...(options.migrationsDirectory ? { directory: options.migrationsDirectory } : {}),
      ...(options.onMigrationApplied ? { onApplied: options.onMigrationApplied } : {}),
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  return new PgKnowledgeStore(database, options.search ? { search: options.search } : {});
}
