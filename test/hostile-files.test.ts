import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { type HostileExpectation, makeHostileFiles } from '@knowhow/rag-core/testing';
import { goodFiles, makeHandbook } from './support/make-handbook.js';
import { runKnowhow, startKnowhow } from './support/run-knowhow.js';

describe('knowhow ingest of a folder with hostile files among good ones', () => {
  let folder: string;
  let workspace: string;
  let expectations: Record<string, HostileExpectation>;
  const env = () => ({ KNOWHOW_DATA_DIR: join(workspace, 'data'), KNOWHOW_PARSE_TIMEOUT_S: '3' });
  const knowhow = (...args: string[]) => runKnowhow(args, { cwd: workspace, env: env() });

  beforeAll(async () => {
    folder = await makeHandbook();
    expectations = await makeHostileFiles(folder);
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-hostile-'));
  });

  it('reports every hostile file by name with its reason and ingests the rest', async () => {
    const result = await knowhow('ingest', folder);
    expect(result.code).toBe(1);
    const reported = Object.values(expectations).filter((expectation) => 'reported' in expectation);
    expect(result.stdout).toContain(`failed ${reported.length}`);
    for (const expectation of reported) expect(result.stdout).toMatch(expectation.reported);
    const ingested = Object.values(expectations).filter((expectation) => 'ingested' in expectation);
    expect(result.stdout).toContain(`added ${goodFiles.length + ingested.length}`);
  }, 300_000);

  it('leaves the good files, odd encodings and padded files searchable', async () => {
    const words = [
      'Orthodontics',
      ...Object.values(expectations).flatMap((expectation) =>
        'ingested' in expectation ? [expectation.ingested] : [],
      ),
    ];
    for (const word of words) {
      const result = await knowhow('search', word, '--json', '--k', '1');
      const [hit] = JSON.parse(result.stdout) as { text: string }[];
      expect(hit?.text).toContain(word);
    }
  }, 300_000);

  it('prints a newline in a file name escaped, never as a line break', async () => {
    const result = await knowhow('search', 'newlinename', '--k', '1');
    expect(result.stdout.split('\n')[0]).toMatch(/^1\. Newline name \(odd\/new\\nline\.md[,)]/);
  });
});

describe('knowhow ingest and SIGTERM', () => {
  it('stops within seconds even while a file keeps its parser busy', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-slow-'));
    await writeFile(join(folder, 'a-first.md'), '# First\n\nParsed before the slow one.');
    // 9 MB of text: seconds of splitting on any machine.
    const line = 'Employees book travel through the portal and file expenses within 30 days.\n';
    await writeFile(join(folder, 'b-slow.txt'), line.repeat(Math.floor(9_000_000 / line.length)));
    const workspace = await mkdtemp(join(tmpdir(), 'knowhow-slow-work-'));
    const ingest = startKnowhow(['ingest', folder], {
      cwd: workspace,
      env: {
        KNOWHOW_DATA_DIR: join(workspace, 'data'),
        KNOWHOW_PARSE_TIMEOUT_S: '300',
        LOG_LEVEL: 'info',
      },
    });
    await ingest.waitForOutput('a-first.md', 60_000);
    // The slow file is parsing now (it comes next); give it time to block its thread.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const started = performance.now();
    const result = await ingest.stop('SIGTERM');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('interrupted: 1 files not processed yet');
  }, 180_000);
});
