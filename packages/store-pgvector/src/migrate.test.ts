import { cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Database } from './database.js';
import { defaultMigrationsDirectory, migrate } from './migrate.js';
import { openDatabase } from './open-database.js';
import { testBackends } from './testing/index.js';

describe.each(testBackends())('migrate on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let directory: string;

  beforeEach(async () => {
    const created = await backend.createDatabase();
    drop = created.drop;
    database = await openDatabase(created.options);
    directory = await mkdtemp(join(tmpdir(), 'knowhow-migrations-'));
    await cp(defaultMigrationsDirectory, directory, { recursive: true });
  });
  afterEach(async () => {
    await database.close();
    await drop();
  });

  it('applies every migration once, in order, and records it', async () => {
    const applied = await migrate(database, { directory });
    expect(applied[0]).toBe('0001_knowledge_base.sql');
    expect(await migrate(database, { directory })).toEqual([]);
    const { rows } = await database.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY name',
    );
    expect(rows.map((row) => row.name)).toEqual(applied);
  });

  it('fills the term counts of documents ingested before 0002', async () => {
    const only0001 = await mkdtemp(join(tmpdir(), 'knowhow-migrations-'));
    await cp(join(directory, '0001_knowledge_base.sql'), join(only0001, '0001_knowledge_base.sql'));
    await migrate(database, { directory: only0001 });
    await database.execute(`
      INSERT INTO documents (collection, uri, source, title, content_hash, chunking, media_type, size_bytes)
        VALUES ('default', 'file:///a.md', 'a.md', 'A', 'h', 'c', 'text/markdown', 1);
      INSERT INTO chunks (document_id, ordinal, text, token_count, search_vector)
        SELECT id, n, 'vacation days ' || n, 3, to_tsvector('english', 'vacation days ' || n)
        FROM documents, generate_series(0, 2) AS n;`);
    expect(await migrate(database, { directory })).toContain('0002_document_terms.sql');
    const { rows } = await database.query<{ lexeme: string; chunks: number }>(
      "SELECT lexeme, chunks FROM document_terms WHERE lexeme IN ('vacat', 'day', '1') ORDER BY lexeme",
    );
    expect(rows).toEqual([
      { lexeme: '1', chunks: 1 },
      { lexeme: 'day', chunks: 3 },
      { lexeme: 'vacat', chunks: 3 },
    ]);
  });

  it('fills the vocabulary (typo tolerance) with the words of documents ingested before 0008', async () => {
    const before0008 = await mkdtemp(join(tmpdir(), 'knowhow-migrations-'));
    for (const name of await readdir(directory))
      if (name < '0008') await cp(join(directory, name), join(before0008, name));
    await migrate(database, { directory: before0008 });
    await database.execute(`
      INSERT INTO documents (collection, uri, source, title, content_hash, chunking, media_type, size_bytes)
        VALUES ('default', 'file:///a.md', 'a.md', 'A', 'h', 'c', 'text/markdown', 1);
      INSERT INTO document_terms (document_id, lexeme, chunks)
        SELECT id, lexeme, 1 FROM documents, unnest(ARRAY['gender', 'care']) AS lexeme;`);
    expect(await migrate(database, { directory })).toContain('0008_vocabulary.sql');
    const { rows } = await database.query<{ lexeme: string }>(
      "SELECT lexeme FROM vocabulary WHERE lexeme % 'gendr' ORDER BY lexeme",
    );
    expect(rows).toEqual([{ lexeme: 'gender' }]);
  });

  it('rolls back a failing migration completely and names it', async () => {
    await migrate(database, { directory });
    await writeFile(
      join(directory, '9998_good_then_bad.sql'),
      'CREATE TABLE half_done (id int);\nSELECT no_such_function();',
    );
    await expect(migrate(database, { directory })).rejects.toMatchObject({
      code: 'migration_failed',
      message: expect.stringContaining('migration 9998_good_then_bad.sql failed'),
    });
    const { rows } = await database.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
    expect(rows).toEqual([]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    await migrate(database, { directory });
    await writeFile(join(directory, '0001_knowledge_base.sql'), '-- edited\nSELECT 1;');
    await expect(migrate(database, { directory })).rejects.toThrow(
      'migration 0001_knowledge_base.sql was changed after it was applied',
    );
  });

  it('ignores files that are not NNNN_name.sql', async () => {
    await writeFile(join(directory, 'README.md'), '# notes');
    await writeFile(join(directory, 'draft.sql'), 'DROP TABLE documents;');
    await migrate(database, { directory });
    const { rows } = await database.query("SELECT 1 FROM pg_tables WHERE tablename = 'documents'");
    expect(rows).toHaveLength(1);
  });
});
