// Sources II: first sync, no-change re-sync and deletions of Notion, Google Drive and GitHub
// against their fakes (each call answered after `latencyMs`), embeddings off, PGlite on disk.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncSources, type SyncTarget } from '@knowhow/rag-core';
import { sourceTypes } from '@knowhow/sources';
import {
  FakeGithub,
  FakeGoogleDrive,
  FakeNotion,
  type FakeService,
  notionBlock,
} from '@knowhow/sources/testing';
import { PgSyncStore } from '@knowhow/store-pgvector';
import { openBenchStore } from '../bench-store.js';
import { median } from '../statistics.js';

interface Fake {
  readonly service: FakeService;
  readonly settings: Record<string, unknown>;
  /** Content downloads so far: block reads, downloads and exports, blobs. */
  contentReads(): number;
  /** Deletes (unshares, trashes) item `index`. */
  remove(index: number): void;
  close(): Promise<void>;
}

interface Pass {
  seconds: number;
  requests: number;
  contentReads: number;
}

export interface SourcesResult {
  items: number;
  latencyMs: number;
  types: {
    type: string;
    first: Pass;
    resync: Pass;
    deleted: number;
    removedFromSearch: number;
  }[];
}

const word = (index: number) => `zq${index.toString(36)}marker`;

async function notionFake(items: number, directory: string): Promise<Fake> {
  void directory;
  const notion = await FakeNotion.start();
  const ids = Array.from({ length: items }, (_, index) =>
    notion.addPage(`Page ${index}`, [
      notionBlock('heading_1', `Section ${index}`),
      notionBlock('paragraph', `Page ${index} mentions ${word(index)} and the travel policy.`),
    ]),
  );
  return {
    service: notion.service,
    // The API's limit is 3 requests a second; the benchmark measures the sync, not the wait.
    settings: { token: notion.token, api_url: notion.origin, requests_per_second: 100 },
    contentReads: () => notion.contentReads(),
    remove: (index) => notion.archive(ids[index] ?? ''),
    close: () => notion.close(),
  };
}

async function driveFake(items: number, directory: string): Promise<Fake> {
  const google = await FakeGoogleDrive.start();
  const root = google.addFolder('Handbook', 'my-drive-root');
  const folders = Array.from({ length: 10 }, (_, index) => google.addFolder(`Team ${index}`, root));
  const ids = Array.from({ length: items }, (_, index) =>
    google.addFile(
      `Doc ${index}`,
      'application/vnd.google-apps.document',
      `# Doc ${index}\n\nDoc ${index} mentions ${word(index)} and the travel policy.\n`,
      folders[index % folders.length] ?? root,
    ),
  );
  return {
    service: google.service,
    settings: {
      credentials_file: await google.writeKeyFile(directory),
      folder_id: root,
      api_url: google.origin,
    },
    contentReads: () => google.contentReads(),
    remove: (index) => google.trash(ids[index] ?? ''),
    close: () => google.close(),
  };
}

async function githubFake(items: number): Promise<Fake> {
  const github = await FakeGithub.start();
  for (let index = 0; index < items; index += 1)
    github.write(
      `docs/team-${index % 10}/page-${index}.md`,
      `# Page ${index}\n\nPage ${index} mentions ${word(index)} and the travel policy.\n`,
    );
  return {
    service: github.service,
    settings: { repo: `${github.owner}/${github.name}`, api_url: github.apiUrl },
    contentReads: () => github.blobDownloads(),
    remove: (index) => github.remove(`docs/team-${index % 10}/page-${index}.md`),
    close: () => github.close(),
  };
}

async function measure(
  type: string,
  items: number,
  latencyMs: number,
  makeFake: (items: number, directory: string) => Promise<Fake>,
) {
  const directory = await mkdtemp(join(tmpdir(), 'knowhow-bench-sources-'));
  const fake = await makeFake(items, directory);
  const opened = await openBenchStore('pglite');
  const { store } = opened;
  try {
    fake.service.delayMs = latencyMs;
    const syncStore = new PgSyncStore(store.database);
    const sourceType = sourceTypes[type];
    if (!sourceType) throw new Error(`no type ${type}`);
    const target: SyncTarget = {
      name: type,
      type,
      collection: type,
      settings: JSON.stringify(fake.settings),
      open: () => sourceType.create(sourceType.settings.parse(fake.settings), { name: type }),
    };
    const pass = async (): Promise<Pass & { result: unknown }> => {
      const requests = fake.service.requests.length;
      const reads = fake.contentReads();
      const started = performance.now();
      const { sources } = await syncSources(
        { store, syncStore },
        { targets: [target], whenBusy: 'wait' },
      );
      const result = sources[0];
      if (result?.error || result?.status !== 'ok')
        throw new Error(`${type}: ${result?.error ?? result?.status}`);
      return {
        seconds: (performance.now() - started) / 1000,
        requests: fake.service.requests.length - requests,
        contentReads: fake.contentReads() - reads,
        result,
      };
    };
    const { result: firstResult, ...first } = await pass();
    if ((firstResult as { added: number }).added !== items)
      throw new Error(`${type}: the first pass added ${JSON.stringify(firstResult)}`);
    const { result: _resync, ...resync } = await pass();
    void _resync;
    // Every tenth item deleted at the source; each must be gone from search after one pass.
    const deleted = Array.from({ length: Math.floor(items / 10) }, (_, n) => n * 10);
    for (const index of deleted) fake.remove(index);
    await pass();
    let removed = 0;
    for (const index of deleted) {
      const hits = await store.search({ text: word(index), limit: 5 });
      if (hits.length === 0) removed += 1;
    }
    return { type, first, resync, deleted: deleted.length, removedFromSearch: removed };
  } finally {
    await opened.close();
    await fake.close();
    await rm(directory, { recursive: true, force: true });
  }
}

export async function sourcesBenchmark(options: {
  items?: number;
  latencyMs?: number;
  runs?: number;
}): Promise<SourcesResult> {
  const items = options.items ?? 300;
  const latencyMs = options.latencyMs ?? 5;
  const runs = options.runs ?? 3;
  const makers = {
    notion: notionFake,
    'google-drive': driveFake,
    github: (count: number) => githubFake(count),
  } as const;
  const types: SourcesResult['types'] = [];
  for (const [type, maker] of Object.entries(makers)) {
    const samples: Awaited<ReturnType<typeof measure>>[] = [];
    for (let run = 0; run < runs; run += 1)
      samples.push(await measure(type, items, latencyMs, maker));
    const pick = (select: (sample: (typeof samples)[number]) => number) =>
      median(samples.map(select));
    types.push({
      type,
      first: {
        seconds: pick((s) => s.first.seconds),
        requests: pick((s) => s.first.requests),
        contentReads: pick((s) => s.first.contentReads),
      },
      resync: {
        seconds: pick((s) => s.resync.seconds),
        requests: pick((s) => s.resync.requests),
        contentReads: pick((s) => s.resync.contentReads),
      },
      deleted: pick((s) => s.deleted),
      removedFromSearch: Math.min(...samples.map((s) => s.removedFromSearch)),
    });
  }
  return { items, latencyMs, types };
}
