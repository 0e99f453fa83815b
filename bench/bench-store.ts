import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKnowledgeStore, type PgKnowledgeStore } from '@knowhow/store-pgvector';
import { testBackends } from '@knowhow/store-pgvector/testing';

export type Backend = 'pglite' | 'postgres';

/** Native Postgres runs only where TEST_DATABASE_URL names a server (as `.ci/run` sets up). */
export function availableBackends(): Backend[] {
  return testBackends().some((backend) => backend.name === 'Postgres')
    ? ['pglite', 'postgres']
    : ['pglite'];
}

/** A fresh, migrated store: PGlite in a temporary folder on disk, or a new server database. */
export async function openBenchStore(
  backend: Backend,
): Promise<{ store: PgKnowledgeStore; close(): Promise<void> }> {
  if (backend === 'pglite') {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-bench-'));
    const store = await openKnowledgeStore({ dataDirectory: directory });
    return {
      store,
      async close() {
        await store.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  }
  const server = testBackends().find((candidate) => candidate.name === 'Postgres');
  if (!server) throw new Error('TEST_DATABASE_URL is not set');
  const database = await server.createDatabase();
  const store = await openKnowledgeStore(database.options);
  return {
    store,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

export async function serverVersion(store: PgKnowledgeStore): Promise<string> {
  const { rows } = await store.database.query<{ version: string; vector: string }>(
    "SELECT split_part(version(), ' on ', 1) AS version, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector",
  );
  return `${rows[0]?.version}, pgvector ${rows[0]?.vector}`;
}
