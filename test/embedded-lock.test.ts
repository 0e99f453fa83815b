import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runKnowhow } from './support/run-knowhow.js';

const storeModule = fileURLToPath(
  new URL('../packages/store-pgvector/dist/index.js', import.meta.url),
);

describe('embedded Postgres used by two processes', () => {
  let holder: ChildProcess | undefined;
  afterAll(() => {
    holder?.kill();
  });

  it('gives the second process a clear error naming the first, and corrupts nothing', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    const dataDirectory = join(workspace, 'data');
    const env = { KNOWHOW_DATA_DIR: dataDirectory };
    const handbook = join(workspace, 'handbook.md');
    await writeFile(handbook, '# Travel\n\nBook trains early.');
    expect((await runKnowhow(['ingest', handbook], { cwd: workspace, env })).code).toBe(0);

    // The first process opens the store and keeps it open.
    const script = `const { openKnowledgeStore } = await import(${JSON.stringify(storeModule)}); await openKnowledgeStore({ dataDirectory: ${JSON.stringify(dataDirectory)} }); console.log('open'); setInterval(() => {}, 1000);`;
    holder = spawn(process.execPath, ['--input-type=module', '--eval', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => holder?.stdout?.once('data', resolve));

    const second = await runKnowhow(['search', 'trains'], { cwd: workspace, env });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `The embedded database in ${dataDirectory} is in use by process ${holder.pid}`,
    );

    holder.kill();
    await new Promise((resolve) => holder?.once('exit', resolve));
    const after = await runKnowhow(['search', 'trains', '--json'], { cwd: workspace, env });
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual([expect.objectContaining({ source: 'handbook.md' })]);
  });
});
