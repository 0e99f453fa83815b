import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { realModel, realModelEnvironment } from '@knowhow/rag-core/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import pg from 'pg';
import { goodFiles, makeHandbook } from './support/make-handbook.js';
import { runKnowhow } from './support/run-knowhow.js';

// Runs where TEST_DATABASE_URL names a Postgres server with pgvector (`.ci/run` sets it up);
// elsewhere it is skipped, and jest's global setup prints why.
const server = testBackends().find((backend) => backend.name === 'Postgres');

(server ? describe : describe.skip)(
  `knowhow against a Postgres server (DATABASE_URL)${server ? '' : ' (skipped: TEST_DATABASE_URL is not set)'}`,
  () => {
    let url: string;
    let drop: () => Promise<void>;
    let workspace: string;
    let handbook: string;

    beforeAll(async () => {
      if (!server) return;
      const database = await server.createDatabase();
      url = database.options.url ?? '';
      drop = database.drop;
      workspace = await mkdtemp(join(tmpdir(), 'knowhow-server-'));
      handbook = await makeHandbook();
    });
    afterAll(() => drop());

    // With the real embedding model when there is one: HNSW search on the server, too.
    const knowhow = (...args: string[]) =>
      runKnowhow(args, {
        cwd: workspace,
        env: { ...(realModel.skipReason ? {} : realModelEnvironment()), DATABASE_URL: url },
      });

    it('migrates the server on first use and reports it up to date afterwards', async () => {
      expect((await knowhow('migrate')).stdout).toBe(
        'Applied 0001_knowledge_base.sql, 0002_document_terms.sql, 0003_conversations.sql, 0004_conversation_turns.sql, 0005_answer_messages_answer_id.sql, 0006_sources.sql, 0007_chunk_anchors.sql, 0008_vocabulary.sql, 0009_chunk_page_breaks.sql.\n',
      );
      expect((await knowhow('migrate')).stdout).toBe('The database schema is up to date.\n');
    });

    it('lets two ingests of the same folder run at once without duplicates', async () => {
      const [first, second] = await Promise.all([
        knowhow('ingest', handbook),
        knowhow('ingest', handbook),
      ]);
      expect([first.code, second.code]).toEqual([0, 0]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ documents: number; duplicates: number }>(
        'SELECT count(*)::int AS documents, (SELECT count(*)::int FROM (SELECT document_id, ordinal FROM chunks GROUP BY 1, 2 HAVING count(*) > 1) d) AS duplicates FROM documents',
      );
      await client.end();
      expect(rows[0]).toEqual({ documents: goodFiles.length, duplicates: 0 });
    }, 180_000);

    it('searches the server with the same results shape', async () => {
      const result = await knowhow('search', 'orthodontics', '--json');
      expect((JSON.parse(result.stdout) as unknown[])[0]).toMatchObject({
        source: 'benefits/dental-plan.pdf',
        page_start: 2,
      });
    });

    it('names the server, without its password, when it cannot connect', async () => {
      const result = await runKnowhow(['search', 'x'], {
        cwd: workspace,
        env: { DATABASE_URL: 'postgres://knowhow:secret@127.0.0.1:1/none' },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'cannot connect to Postgres at postgres://knowhow:***@127.0.0.1:1/none',
      );
      expect(result.stderr).not.toContain('secret');
    });
  },
);
