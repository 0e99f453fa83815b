import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeConfluence } from '@knowhow/sources/testing';
import { openKnowledgeStore, type PgKnowledgeStore } from '@knowhow/store-pgvector';
import { testBackends } from '@knowhow/store-pgvector/testing';
import type { Backend } from '../bench-store.js';
import { runKnowhowProcess } from '../run-knowhow-process.js';
import { median } from '../statistics.js';

interface PassFigures {
  readonly seconds: number;
  /** The pass itself, as `knowhow sync --json` reports it (no process start, no migrations). */
  readonly passSeconds: number;
  readonly calls: number;
  readonly pageFetches: number;
  readonly added: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
}

/**
 * `knowhow sync` as a process against a fake Confluence Cloud answering every call after
 * `delayMs`: the first sync of `pages` pages (embeddings off), a re-sync without changes
 * (rows of documents, passages and items compared before and after: it must write none), then
 * a pass after deleting 5% of the pages, each of which must be gone from search.
 */
export async function syncBenchmark(options: {
  backend: Backend;
  pages: number;
  delayMs: number;
  runs: number;
}) {
  const runs: RunFigures[] = [];
  for (let run = 0; run < options.runs; run += 1) runs.push(await oneRun(options));
  const pick = (pass: 'first' | 'again', key: keyof PassFigures) =>
    median(runs.map((figures) => figures[pass][key]));
  const summary = (pass: 'first' | 'again') => ({
    seconds: pick(pass, 'seconds'),
    passSeconds: pick(pass, 'passSeconds'),
    calls: pick(pass, 'calls'),
    pageFetches: pick(pass, 'pageFetches'),
    added: pick(pass, 'added'),
    unchanged: pick(pass, 'unchanged'),
  });
  return {
    pages: options.pages,
    delayMs: options.delayMs,
    first: summary('first'),
    again: summary('again'),
    againRowsWritten: Math.max(...runs.map((figures) => figures.againRowsWritten)),
    /** Of all runs: deleted pages, and those still found by search after the next pass. */
    deletedPages: runs.reduce((total, figures) => total + figures.deletedPages, 0),
    stillFound: runs.reduce((total, figures) => total + figures.stillFound, 0),
    keptFound: runs.reduce((total, figures) => total + figures.keptFound, 0),
    keptChecked: runs.reduce((total, figures) => total + figures.keptChecked, 0),
    peakRssMb: median(runs.map((figures) => figures.peakRssMb)),
  };
}

type RunFigures = Awaited<ReturnType<typeof oneRun>>;

async function oneRun(options: { backend: Backend; pages: number; delayMs: number }) {
  const fake = await FakeConfluence.start();
  const workspace = await mkdtemp(join(tmpdir(), 'knowhow-sync-bench-'));
  const database = await createDatabase(options.backend, workspace);
  try {
    const half = Math.ceil(options.pages / 2);
    fake.addSpace('ENG', 'Engineering');
    fake.addSpace('HR', 'People');
    // Each space has a home page: together they make `pages`.
    const ids: string[] = [];
    for (let index = 0; index < options.pages - 2; index += 1)
      ids.push(fake.addPage(index < half ? 'ENG' : 'HR', `Page ${index}`, pageBody(index)));
    await writeFile(
      join(workspace, 'knowhow.yaml'),
      `sources:
  - name: wiki
    type: confluence
    url: ${fake.cloudUrl}
    spaces: [ENG, HR]
    email: \${CONFLUENCE_EMAIL}
    token: \${CONFLUENCE_API_TOKEN}
`,
    );
    const env = {
      ...database.env,
      KNOWHOW_EMBEDDINGS: 'none',
      CONFLUENCE_EMAIL: fake.credentials.email,
      CONFLUENCE_API_TOKEN: fake.credentials.token,
    };
    fake.service.delayMs = options.delayMs;
    const pass = async (): Promise<PassFigures & { peakRssMb: number }> => {
      const calls = fake.service.requests.length;
      const fetches = fake.service.count(/\/wiki\/api\/v2\/pages\/\d+$/);
      const result = await runKnowhowProcess(['sync'], { cwd: workspace, env });
      if (result.code !== 0)
        throw new Error(`knowhow sync exited ${result.code}: ${result.stderr}`);
      // "wiki (confluence → wiki): added 2000 · updated 0 · deleted 0 · unchanged 0 · failed 0 (41.2 s)"
      const counts =
        /added (\d+) · updated (\d+) · deleted (\d+) · unchanged (\d+) · failed 0 \(([\d.]+) s\)/.exec(
          result.stdout,
        );
      if (!counts) throw new Error(`knowhow sync printed no result: ${result.stdout}`);
      const [, added, updated, deleted, unchanged, passSeconds] = counts.map(Number);
      return {
        seconds: result.seconds,
        passSeconds: passSeconds ?? Number.NaN,
        calls: fake.service.requests.length - calls,
        pageFetches: fake.service.count(/\/wiki\/api\/v2\/pages\/\d+$/) - fetches,
        added: added ?? 0,
        updated: updated ?? 0,
        deleted: deleted ?? 0,
        unchanged: unchanged ?? 0,
        peakRssMb: result.peakRssMb,
      };
    };
    const first = await pass();
    const before = await rowVersions(database);
    const again = await pass();
    const againRowsWritten = changedRows(before, await rowVersions(database));

    // Every 20th page goes; searching its own word must no longer find it.
    const deleted = ids.filter((_, index) => index % 20 === 7);
    for (const id of deleted) fake.remove(id);
    await pass();
    const store = await database.open();
    try {
      let stillFound = 0;
      for (const id of deleted) {
        const index = ids.indexOf(id);
        const hits = await store.search({ text: wordOf(index), limit: 5 });
        if (hits.some((hit) => hit.title === `Page ${index}`)) stillFound += 1;
      }
      // And the search finds the pages that stayed (the check above can fail).
      const kept = ids.filter((_, index) => index % 20 === 8);
      let keptFound = 0;
      for (const id of kept) {
        const index = ids.indexOf(id);
        const hits = await store.search({ text: wordOf(index), limit: 5 });
        if (hits.some((hit) => hit.title === `Page ${index}`)) keptFound += 1;
      }
      return {
        first,
        again,
        againRowsWritten,
        deletedPages: deleted.length,
        stillFound,
        keptFound,
        keptChecked: kept.length,
        peakRssMb: Math.max(first.peakRssMb, again.peakRssMb),
      };
    } finally {
      await store.close();
    }
  } finally {
    await fake.close();
    await database.drop();
    await rm(workspace, { recursive: true, force: true });
  }
}

interface BenchDatabase {
  readonly env: Record<string, string>;
  open(): Promise<PgKnowledgeStore>;
  drop(): Promise<void>;
}

/** PGlite in the workspace (as `knowhow` makes it), or a fresh database on the server. */
async function createDatabase(backend: Backend, workspace: string): Promise<BenchDatabase> {
  if (backend === 'pglite') {
    const dataDirectory = join(workspace, 'data');
    return {
      env: { KNOWHOW_DATA_DIR: dataDirectory },
      open: () => openKnowledgeStore({ dataDirectory }),
      drop: async () => undefined,
    };
  }
  const server = testBackends().find((candidate) => candidate.name === 'Postgres');
  if (!server) throw new Error('TEST_DATABASE_URL is not set');
  const database = await server.createDatabase();
  const url = 'url' in database.options ? String(database.options.url) : '';
  return {
    env: { DATABASE_URL: url },
    open: () => openKnowledgeStore(database.options),
    drop: database.drop,
  };
}

/** Every row of the tables a sync writes, with its row version (`xmin` changes on any write). */
async function rowVersions(database: BenchDatabase): Promise<Map<string, string>> {
  const store = await database.open();
  try {
    const versions = new Map<string, string>();
    for (const [table, key] of [
      ['documents', 'id'],
      ['chunks', 'id'],
      ['document_terms', 'ctid'],
      ['sync_items', 'external_id'],
    ] as const) {
      const { rows } = await store.database.query<{ key: string; version: string }>(
        `SELECT ${key}::text AS key, xmin::text AS version FROM ${table}`,
      );
      for (const row of rows) versions.set(`${table}:${row.key}`, row.version);
    }
    return versions;
  } finally {
    await store.close();
  }
}

function changedRows(before: Map<string, string>, after: Map<string, string>): number {
  let changed = 0;
  for (const [key, version] of after) if (before.get(key) !== version) changed += 1;
  for (const key of before.keys()) if (!after.has(key)) changed += 1;
  return changed;
}

/** A word only page `index` contains: letters only, so search sees one token. */
function wordOf(index: number): string {
  let word = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26))
    word = String.fromCharCode(97 + ((rest - 1) % 26)) + word;
  return `zq${word}`;
}

/** About 2 KB of storage format: headings, paragraphs, a list, a table and a code macro. */
function pageBody(index: number): string {
  const word = wordOf(index);
  return `<h2>Overview of ${word}</h2>
<p>This page describes how the ${word} process works at Acme, who owns it and where to ask
questions. Teams review it every quarter and keep the steps below current.</p>
<h3>Steps</h3>
<ol><li>Open a request in the service desk and name the ${word} process.</li>
<li>Wait for the approval of your manager; it usually takes one working day.</li>
<li>Follow the checklist that the service desk sends back.</li></ol>
<table><tbody><tr><th>Role</th><th>Owner</th><th>Response time</th></tr>
<tr><td>Requester</td><td>Any employee</td><td>n/a</td></tr>
<tr><td>Approver</td><td>Line manager</td><td>1 day</td></tr>
<tr><td>Operator</td><td>Service desk</td><td>2 days</td></tr></tbody></table>
<p>Page ${index} of the benchmark: the answers here change rarely, and links to other pages
are kept as they are.</p>
<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[./request --process ${word} --approve]]></ac:plain-text-body></ac:structured-macro>`;
}
