import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from './open-database.js';
import { makePgliteTemplate, pgliteTemplatePath } from './pglite-template.js';

let directory: string;

beforeAll(async () => {
  // `npm run build` makes it; a bare jest run makes it here the same way.
  if (!existsSync(pgliteTemplatePath)) await makePgliteTemplate();
  directory = await mkdtemp(join(tmpdir(), 'knowhow-template-'));
}, 180_000);
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('embedded databases', () => {
  it('start from the template, work, and keep their data when reopened', async () => {
    const created = await openDatabase({ dataDirectory: directory });
    await created.query('CREATE EXTENSION IF NOT EXISTS vector');
    await created.query('CREATE TABLE kept (value vector(2))');
    await created.query("INSERT INTO kept VALUES ('[1,2]')");
    await created.close();
    expect(existsSync(join(directory, 'pgdata', 'PG_VERSION'))).toBe(true);

    const reopened = await openDatabase({ dataDirectory: directory });
    try {
      const { rows } = await reopened.query<{ value: string }>('SELECT value::text FROM kept');
      expect(rows).toEqual([{ value: '[1,2]' }]);
    } finally {
      await reopened.close();
    }
  }, 180_000);

  it('use 32 MB of shared buffers, not Postgres’ 128 MB', async () => {
    const database = await openDatabase({ dataDirectory: 'memory://' });
    try {
      const { rows } = await database.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(rows).toEqual([{ shared_buffers: '32MB' }]);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('are made from a template written whole under its final name', async () => {
    const path = join(directory, 'template.tar.gz');
    await makePgliteTemplate(path);
    expect(existsSync(path)).toBe(true);
    expect(existsSync(`${path}.${process.pid}.partial`)).toBe(false);
  }, 180_000);
});
