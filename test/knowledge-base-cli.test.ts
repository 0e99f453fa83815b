import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { goodFiles, makeHandbook } from './support/make-handbook.js';
import { runKnowhow, startKnowhow } from './support/run-knowhow.js';

describe('managing the knowledge base from the command line', () => {
  let project: string;
  let handbook: string;
  // No KNOWHOW_DATA_DIR: the knowledge base is ./.knowhow, found from subfolders too.
  const knowhow = (args: string[], cwd = project, input?: string) =>
    runKnowhow(args, { cwd, ...(input === undefined ? {} : { input }) });

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'knowhow-project-'));
    handbook = await makeHandbook();
    const ingest = await knowhow(['ingest', handbook, '--collection', 'hr']);
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toBe(
      `Note: created a new knowledge base in ${join(project, '.knowhow')}.\n`,
    );
    expect((await knowhow(['ingest', join(handbook, 'it'), '--collection', 'it'])).code).toBe(0);
  }, 180_000);

  it('lists collections with documents, passages and last change, also as JSON', async () => {
    const table = await knowhow(['collections']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(
        `^Knowledge base: ${join(project, '.knowhow')} \\(embedded Postgres\\)\\ncollection +documents +passages +last change\\nhr +${goodFiles.length} +\\d+ +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\nit +1 +\\d+ `,
      ),
    );
    const json = JSON.parse((await knowhow(['collections', '--json'])).stdout) as unknown[];
    expect(json).toEqual([
      {
        name: 'hr',
        documents: goodFiles.length,
        passages: expect.any(Number),
        last_change: expect.any(String),
      },
      { name: 'it', documents: 1, passages: expect.any(Number), last_change: expect.any(String) },
    ]);
  }, 180_000);

  it('lists documents of a collection', async () => {
    const json = JSON.parse(
      (await knowhow(['documents', '--collection', 'it', '--json'])).stdout,
    ) as { collection: string; source: string; passages: number }[];
    expect(json.map((document) => [document.collection, document.source])).toEqual([
      ['it', 'passwords.html'],
    ]);
    expect((await knowhow(['documents'])).stdout).toMatch(/\nhr +benefits\/dental-plan\.pdf +\d+ /);
  }, 180_000);

  it('finds the knowledge base from a subfolder instead of creating an empty one there', async () => {
    const subfolder = join(project, 'notes', 'drafts');
    await mkdir(subfolder, { recursive: true });
    const result = await knowhow(['search', 'orthodontics', '--json'], subfolder);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { source: string }[])[0]?.source).toBe(
      'benefits/dental-plan.pdf',
    );
    expect(existsSync(join(subfolder, '.knowhow'))).toBe(false);
    expect(existsSync(join(project, 'notes', '.knowhow'))).toBe(false);
  });

  it('says a collection does not exist, naming those that do (exit 2)', async () => {
    for (const command of [
      ['search', 'vacation'],
      ['ask', 'vacation?'],
    ]) {
      const result = await knowhow([...command, '--collection', 'nosuch']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'The collection "nosuch" does not exist. The knowledge base has: hr, it.\n',
      );
    }
  });

  it('ingests into exactly one collection: a list, a blank name or a repeated flag is a usage error', async () => {
    for (const [args, message] of [
      [
        ['--collection', 'hr,it'],
        '"hr,it" names several collections; ingest puts documents in one',
      ],
      [['--collection', ''], 'must name a collection, e.g. --collection hr'],
      [
        ['--collection', 'hr', '--collection', 'it'],
        'given twice; ingest puts documents in one collection',
      ],
    ] as const) {
      const result = await knowhow(['ingest', handbook, ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(JSON.parse((await knowhow(['collections', '--json'])).stdout)).toHaveLength(2);
  });

  it('says what happened to a path that does not exist (exit 1) and to an empty folder', async () => {
    const missing = await knowhow(['ingest', join(project, 'no-such-folder')]);
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `Not found: ${join(project, 'no-such-folder')}\nNothing was ingested.\n`,
    });
    await mkdir(join(project, 'empty'));
    const empty = await knowhow(['ingest', 'empty']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe(
      'Nothing to ingest: empty holds no files (supported: .md, .markdown, .txt, .html, .htm, .pdf, .docx). Collection "default" is unchanged.\n',
    );
  });

  it('deletes documents by source, saying which were not found (exit 1)', async () => {
    const result = await knowhow([
      'documents',
      'delete',
      'office.txt',
      'nosuch.md',
      '--collection',
      'hr',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^Deleted office\.txt from collection "hr" \(\d+ passages\)\.\n$/,
    );
    expect(result.stderr).toContain('Not found: nosuch.md in hr.');
    expect((await knowhow(['search', 'reception desk', '--json'])).stdout).toBe('[]\n');
  });

  it('deletes a collection with everything in it, and refuses one that does not exist', async () => {
    const result = await knowhow(['collections', 'delete', 'it']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Deleted collection "it": 1 documents, \d+ passages\.\n$/);
    const again = await knowhow(['collections', 'delete', 'it']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('The collection "it" does not exist. The knowledge base has: hr.\n');
  });
});

describe('a knowledge base that is missing or empty', () => {
  it('is not created by a command that reads it, which says where it looked', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-nothing-'));
    for (const command of [
      ['search', 'vacation'],
      ['collections'],
      ['documents'],
      ['channel', 'list'],
    ]) {
      const result = await runKnowhow(command, { cwd });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `There is no knowledge base (.knowhow) in ${cwd} or any folder above it. Run the command in your project's folder, or add documents with: npx knowhow ingest <folder>\n`,
      );
    }
    expect(existsSync(join(cwd, '.knowhow'))).toBe(false);
  }, 120_000);

  it('lists the configured sources as never synced, and creates no knowledge base', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-sources-'));
    await writeFile(
      join(cwd, 'knowhow.yaml'),
      'sources:\n  - name: intranet\n    type: web\n    url: https://intranet.example/handbook/\n',
    );
    const result = await runKnowhow(['sources'], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('intranet (web → ');
    expect(result.stdout).toContain('never synced');
    expect(existsSync(join(cwd, '.knowhow'))).toBe(false);
  }, 120_000);

  it('makes every answer say it is empty and how to add documents', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-empty-'));
    expect((await runKnowhow(['migrate'], { cwd })).code).toBe(0);
    const answer = await runKnowhow(['ask', 'How many vacation days?'], { cwd });
    expect(answer.code).toBe(0);
    expect(answer.stdout).toBe(
      'The knowledge base holds no documents yet, so there is nothing to answer from. Whoever runs Knowhow adds them with: npx knowhow ingest <folder>\n',
    );
    const search = await runKnowhow(['search', 'vacation'], { cwd });
    expect(search.stdout).toBe(
      'The knowledge base is empty. Add documents with: npx knowhow ingest <folder> [--collection name]\n',
    );
  }, 180_000);

  it('warns once when a bot starts with the sample handbook, and says in /healthz when it searches by keywords only', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-sample-'));
    const start = await runKnowhow(['start'], { cwd, input: '' });
    expect(start.code).toBe(0);
    expect(start.stdout).toContain('to collection "sample"');
    // A model folder without the model: the bot answers by keywords and says so.
    const models = await mkdtemp(join(tmpdir(), 'knowhow-no-models-'));
    const bot = startKnowhow(['teams'], {
      cwd,
      env: {
        TEAMS_ALLOW_ANONYMOUS: 'true',
        TEAMS_PORT: '0',
        KNOWHOW_EMBEDDINGS: 'local',
        KNOWHOW_MODEL_DIR: models,
      },
    });
    try {
      await bot.waitForOutput('Ctrl-C stops it.', 60_000);
      const [, url] =
        /Health check: (http:\/\/localhost:\d+\/healthz)/.exec(bot.output().stdout) ?? [];
      const health = await fetch(url ?? '');
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        search: 'keyword',
        problem: expect.stringContaining('could not be loaded'),
      });
      expect(bot.output().stderr).toMatch(/"msg":"bots\.keyword_search_only"/);
    } finally {
      const { stderr } = await bot.stop();
      const note =
        'Note: The knowledge base holds only Knowhow\'s sample handbook (collection "sample"), the made-up policies of a fictional company: every answer will come from it. Remove it with: npx knowhow collections delete sample';
      expect(stderr.split(note)).toHaveLength(2);
      expect(stderr).toMatch(/"msg":"knowledge\.sample_collection"/);
    }
  }, 240_000);
});
