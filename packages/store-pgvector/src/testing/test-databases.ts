import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenKnowledgeStoreOptions, openKnowledgeStore } from '../open-knowledge-store.js';
import type { PgKnowledgeStore } from '../pg-knowledge-store.js';

export interface TestBackend {
  readonly name: 'PGlite' | 'Postgres';
  /** Options that open a fresh, empty database of this backend. */
  createDatabase(): Promise<{ options: OpenKnowledgeStoreOptions; drop: () => Promise<void> }>;
}

/** The server for native tests: `TEST_DATABASE_URL` (a role that may create databases). */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;

const pglite: TestBackend = {
  name: 'PGlite',
  createDatabase: async () => ({
    options: { dataDirectory: 'memory://' },
    drop: async () => undefined,
  }),
};

function postgres(adminUrl: string): TestBackend {
  return {
    name: 'Postgres',
    async createDatabase() {
      const name = `knowhow_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        options: { url: url.toString(), poolSize: 4 },
        drop: async () => {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await client.end();
        },
      };
    },
  };
}

/** Every backend the store suite runs against here: PGlite always, Postgres when configured. */
export function testBackends(): TestBackend[] {
  return testDatabaseUrl ? [pglite, postgres(testDatabaseUrl)] : [pglite];
}

/** Opens a migrated store on a fresh database; `close` also drops the database. */
export async function openTestStore(backend: TestBackend): Promise<{
  store: PgKnowledgeStore;
  options: OpenKnowledgeStoreOptions;
  close: () => Promise<void>;
}> {
  const database = await backend.createDatabase();
  const store = await openKnowledgeStore(database.options);
  return {
    store,
    options: database.options,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** Empties every table between tests; identities keep counting so model ids are never reused. */
export async function emptyStore(store: PgKnowledgeStore): Promise<void> {
  await store.database.execute(
    'TRUNCATE documents, chunks, chunk_embeddings, embedding_models, sync_sources, sync_items, vocabulary CASCADE',
  );
}
