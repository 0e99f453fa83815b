import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ingestFiles } from '@knowhow/rag-core';
import { openKnowledgeStore } from '@knowhow/store-pgvector';
import { runKnowhowUntil } from './support/run-knowhow.js';

describe('an interrupted ingest', () => {
  it('stops after the document being written, keeps what was written, and neither prunes nor backfills', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-interrupt-'));
    for (const name of ['a', 'b', 'c', 'd'])
      await writeFile(join(folder, `${name}.md`), `# ${name}\n\nText of ${name}.`);
    const store = await openKnowledgeStore({ dataDirectory: 'memory://' });
    try {
      await ingestFiles({ store }, { paths: [folder] });
      await rm(join(folder, 'd.md'));
      await writeFile(join(folder, 'a.md'), '# a\n\nChanged text of a.');
      const controller = new AbortController();
      const summary = await ingestFiles(
        { store },
        {
          paths: [folder],
          prune: true,
          signal: controller.signal,
          onProgress: ({ done }) => {
            if (done === 1) controller.abort();
          },
        },
      );
      expect(summary).toMatchObject({ updated: 1, unchanged: 0, notProcessed: 2, removed: [] });
      expect((await store.search({ text: 'changed', limit: 5 })).map((hit) => hit.source)).toEqual([
        'a.md',
      ]);
      expect(
        (await store.search({ text: 'text of d', limit: 5 })).map((hit) => hit.source),
      ).toContain('d.md');
    } finally {
      await store.close();
    }
  });

  it('on Ctrl-C, the command finishes the current document, says what is left, and exits 130', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'knowhow-interrupt-'));
    const docs = resolve(process.cwd(), '..', 'shared', 'eval', 'contoso', 'docs');
    // Operator logs at info mark the first written document: a safe moment to interrupt.
    const result = await runKnowhowUntil(['ingest', docs], {
      cwd: workspace,
      env: { KNOWHOW_DATA_DIR: join(workspace, 'data'), LOG_LEVEL: 'info' },
      when: (stderr) => stderr.includes('"type":"ingest.document"'),
      signal: 'SIGINT',
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Stopping after the current step');
    expect(result.stdout).toMatch(
      /interrupted: \d+ files not processed yet; run the same command again to finish/,
    );
  });
});
