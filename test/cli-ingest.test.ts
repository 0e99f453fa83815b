import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { brokenFiles, goodFiles, makeHandbook } from './support/make-handbook.js';
import { runKnowhow } from './support/run-knowhow.js';

interface JsonHit {
  source: string;
  title: string;
  page_start: number | null;
  page_end: number | null;
  heading: string | null;
  score: number;
  text: string;
}

describe('knowhow ingest and search (embedded Postgres)', () => {
  let handbook: string;
  let workspace: string;
  const env = () => ({ KNOWHOW_DATA_DIR: join(workspace, 'data'), KNOWHOW_MAX_FILE_MB: '0.1' });
  const knowhow = (...args: string[]) => runKnowhow(args, { cwd: workspace, env: env() });
  const search = async (query: string, ...args: string[]) => {
    const result = await knowhow('search', query, '--json', ...args);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as JsonHit[];
  };

  beforeAll(async () => {
    handbook = await makeHandbook({ broken: true });
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-workspace-'));
  });

  it('ingests every good file, reports each broken one with its reason, and exits 1', async () => {
    const result = await knowhow('ingest', handbook, '--collection', 'handbook');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Ingested into collection "handbook"');
    expect(result.stdout).toContain(
      `added ${goodFiles.length} · updated 0 · unchanged 0 · removed 0 · failed ${Object.keys(brokenFiles).length}`,
    );
    for (const reason of Object.values(brokenFiles)) expect(result.stdout).toMatch(reason);
    expect(result.stdout).toContain('skipped 1 file of unsupported types (.png ×1)');
  }, 180_000);

  it('finds PDF passages with their page', async () => {
    const [hit] = await search('orthodontics coverage');
    expect(hit).toMatchObject({
      source: 'benefits/dental-plan.pdf',
      title: 'Dental Plan',
      page_start: 2,
      page_end: 2,
      heading: null,
    });
    expect(hit?.text).toContain('1500 EUR');
  });

  it('finds Word, HTML and markdown passages with their heading path', async () => {
    expect((await search('meals reimbursed'))[0]).toMatchObject({
      source: 'benefits/expenses.docx',
      heading: 'Expenses > Meals',
      page_start: null,
    });
    expect((await search('VPN password'))[0]).toMatchObject({
      source: 'it/passwords.html',
      title: 'Password rules',
      heading: 'Passwords > Rotation',
    });
    expect((await search('parental leave weeks'))[0]).toMatchObject({
      source: 'leave.md',
      title: 'Leave policy',
      heading: 'Leave policy > Parental leave',
    });
  }, 180_000);

  it('prints readable results without --json', async () => {
    const result = await knowhow('search', 'orthodontics', '--k', '1');
    expect(result.stdout).toMatch(
      /^1\. Dental Plan \(benefits\/dental-plan\.pdf, p\. 2\) {2}score 0\.\d{4}\n {3}\S/,
    );
    expect(result.stdout).toContain('Orthodontics is covered');
  });

  it('limits results to a collection, and refuses one that does not exist', async () => {
    const other = await knowhow('search', 'vacation', '--collection', 'other');
    expect(other).toMatchObject({
      code: 2,
      stderr: 'The collection "other" does not exist. The knowledge base has: handbook.\n',
    });
    expect((await search('vacation', '--collection', 'handbook')).length).toBeGreaterThan(0);
  });

  it('skips unchanged files on a second run', async () => {
    const result = await knowhow('ingest', handbook, '--collection', 'handbook');
    expect(result.stdout).toContain(
      `added 0 · updated 0 · unchanged ${goodFiles.length} · removed 0`,
    );
  });

  it('replaces a changed document', async () => {
    await writeFile(
      join(handbook, 'leave.md'),
      '# Leave policy\n\n## Vacation\n\nEvery employee gets 30 vacation days a year.\n',
    );
    const result = await knowhow('ingest', handbook, '--collection', 'handbook');
    expect(result.stdout).toContain(`added 0 · updated 1 · unchanged ${goodFiles.length - 1}`);
    const hits = await search('vacation days');
    expect(hits[0]?.text).toContain('30 vacation days');
    expect(hits.some((hit) => hit.text.includes('28 vacation days'))).toBe(false);
  });

  it('removes documents of deleted files with --prune, and only then', async () => {
    await rm(join(handbook, 'office.txt'));
    expect((await knowhow('ingest', handbook, '--collection', 'handbook')).stdout).toContain(
      'removed 0',
    );
    expect((await search('reception desk')).length).toBeGreaterThan(0);
    const result = await knowhow('ingest', handbook, '--collection', 'handbook', '--prune');
    expect(result.stdout).toContain('removed 1');
    expect(result.stdout).toContain('- removed office.txt');
    expect(await search('reception desk')).toEqual([]);
  }, 180_000);

  it('reports a path that does not exist among others that do', async () => {
    const result = await knowhow(
      'ingest',
      join(handbook, 'leave.md'),
      join(handbook, 'no-such-folder'),
      '--collection',
      'handbook',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/no-such-folder: not found/);
  });

  it('gives the summary as JSON with --json', async () => {
    const result = await knowhow(
      'ingest',
      join(handbook, 'leave.md'),
      '--collection',
      'handbook',
      '--json',
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      collection: 'handbook',
      added: 0,
      unchanged: 1,
      failed: [],
      chunks: 0,
    });
  });
});

describe('knowhow configuration and usage errors', () => {
  it('lists every invalid variable in one message', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-env-'));
    const result = await runKnowhow(['search', 'x'], {
      cwd,
      env: { KNOWHOW_EMBEDDINGS: 'magic', DATABASE_URL: 'mysql://x', KNOWHOW_MAX_FILE_MB: 'lots' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration:');
    for (const name of [
      'KNOWHOW_EMBEDDINGS',
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
      'KNOWHOW_MAX_FILE_MB',
    ]) {
      expect(result.stderr).toContain(name);
    }
  });

  it('reads configuration from a .env file in the working directory', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-env-'));
    await writeFile(join(cwd, '.env'), '# limits\nKNOWHOW_MAX_FILE_MB=lots\n');
    const result = await runKnowhow(['search', 'x'], { cwd });
    expect(result.stderr).toContain('KNOWHOW_MAX_FILE_MB');
  });

  it('rejects a bad --k with usage help and exit code 2', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-usage-'));
    const result = await runKnowhow(['search', 'x', '--k', 'many'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a whole number from 1 to 100');
  });
});
