// `npm run bench`: ingest throughput, embedding time, search latency at 10k and 100k passages
// on every available backend, and peak memory; prints markdown for docs/benchmarks.md.
// Options: --only ingest,embed,search,ask,slack,slack-streaming,teams,hostile,lean,bot-memory,sources,sync  --sizes 10000,100000  --backends pglite,postgres  --runs 3
// --per-document 5 (search: many small documents)
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { availableBackends } from './bench-store.js';
import { botMemoryReport, leanReport } from './lean-report.js';
import type { askBenchmark } from './scenarios/ask-benchmark.js';
import type { embedBenchmark } from './scenarios/embed-benchmark.js';
import type { hostileBenchmark } from './scenarios/hostile-benchmark.js';
import type { ingestBenchmark } from './scenarios/ingest-benchmark.js';
import type { leanBenchmark } from './scenarios/lean-benchmark.js';
import type { sourcesBenchmark } from './scenarios/sources-benchmark.js';
import type { searchBenchmark } from './scenarios/search-benchmark.js';
import type { slackBenchmark } from './scenarios/slack-benchmark.js';
import type { slackStreamingBenchmark } from './scenarios/slack-streaming-benchmark.js';
import type { syncBenchmark } from './scenarios/sync-benchmark.js';
import type { teamsBenchmark } from './scenarios/teams-benchmark.js';

type IngestResult = Awaited<ReturnType<typeof ingestBenchmark>>;
type EmbedResult = Awaited<ReturnType<typeof embedBenchmark>>;
type HostileResult = Awaited<ReturnType<typeof hostileBenchmark>>;
type LeanResult = Awaited<ReturnType<typeof leanBenchmark>>;
type SourcesResult = Awaited<ReturnType<typeof sourcesBenchmark>>;
type SearchResult = Awaited<ReturnType<typeof searchBenchmark>>;
type AskResult = Awaited<ReturnType<typeof askBenchmark>>;
type SlackResult = Awaited<ReturnType<typeof slackBenchmark>>;
type TeamsResult = Awaited<ReturnType<typeof teamsBenchmark>>;
type SlackStreamingResult = Awaited<ReturnType<typeof slackStreamingBenchmark>>;
type SyncResult = Awaited<ReturnType<typeof syncBenchmark>>;

const { values } = parseArgs({
  options: {
    only: {
      type: 'string',
      default: 'ingest,embed,search,ask,slack,slack-streaming,teams,hostile,sync',
    },
    sizes: { type: 'string', default: '10000,100000' },
    backends: { type: 'string', default: availableBackends().join(',') },
    runs: { type: 'string', default: '3' },
    // Passages per document of the search corpus; 5 makes the many-small-documents case.
    'per-document': { type: 'string', default: '500' },
  },
});
const only = new Set(values.only.split(','));
const backends = values.backends.split(',');
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const contoso = resolve('..', 'shared', 'eval', 'contoso');
const modelDirectory = resolve('..', 'shared', 'models');
const handbook = resolve('examples', 'handbook');
const scenarioScript = fileURLToPath(new URL('./scenario.js', import.meta.url));

function runScenario<Result>(name: string, options: Record<string, unknown>): Promise<Result> {
  process.stderr.write(`running ${name} ${JSON.stringify(options)}\n`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [scenarioScript, JSON.stringify({ name, options })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('close', (code) =>
      code === 0
        ? done(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Result)
        : fail(new Error(`${name} exited with ${code}`)),
    );
  });
}

const lines: string[] = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM; Node ${process.version}.`,
  '',
];
const fixed = (value: number, digits = 1) => value.toFixed(digits);

if (only.has('ingest')) {
  lines.push(`## Ingest: the 6 contoso PDFs, no embedding (median of ${runs} runs)`, '');
  lines.push(
    '| backend | pages | passages | parse + chunk | pages/s | passages/s | parse + chunk + store | pages/s | passages/s | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const backend of backends) {
    const r = await runScenario<IngestResult>('ingest', { backend, contoso, runs });
    lines.push(
      `| ${backend} (${r.server}) | ${r.pages} | ${r.chunks} | ${fixed(r.parseSeconds, 2)} s | ${Math.round(r.pages / r.parseSeconds)} | ${Math.round(r.chunks / r.parseSeconds)} | ${fixed(r.ingestSeconds, 2)} s | ${Math.round(r.pages / r.ingestSeconds)} | ${Math.round(r.chunks / r.ingestSeconds)} | ${r.peakRssMb} MB |`,
    );
  }
  lines.push('');
}
if (only.has('embed')) {
  const r = await runScenario<EmbedResult>('embed', { contoso, modelDirectory, runs });
  lines.push(
    `## Embedding the ${r.passages} contoso PDF passages (median of ${runs} runs)`,
    '',
    '| embeddings | time | passages/s |',
    '|---|---:|---:|',
  );
  for (const result of r.results) {
    lines.push(
      result.unavailable
        ? `| ${result.path} | not measured: ${result.unavailable} | |`
        : `| ${result.path} | ${fixed(result.seconds ?? 0, 2)} s | ${Math.round(result.passagesPerSecond ?? 0)} |`,
    );
  }
  for (const result of r.results) {
    if (result.query)
      lines.push(
        `\nOne question at a time with ${result.path} (the contoso questions one by one, median of ${runs} rounds): p50 ${fixed(result.query.p50)} ms, p95 ${fixed(result.query.p95)} ms, max ${fixed(result.query.max)} ms.`,
      );
  }
  lines.push(`\nPeak RSS ${r.peakRssMb} MB.`, '');
}
if (only.has('search')) {
  lines.push('## Search latency, excluding query embedding (synthetic 384-d vectors, top 10)', '');
  lines.push(
    '| backend | passages | documents | load + HNSW build | keyword p50 / p95 | hybrid p50 / p95 | hybrid, 1 of 4 collections p50 / p95 | hybrid with a typo, spelling lookup included, p50 / p95 | numbers, 10 at a time p50 / max | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const backend of backends) {
    for (const size of sizes) {
      const r = await runScenario<SearchResult>('search', {
        backend,
        size,
        contoso,
        rounds: runs,
        perDocument: Number(values['per-document']),
      });
      const cell = (mode: string) =>
        `${fixed(r.latency[mode]?.p50 ?? 0)} / ${fixed(r.latency[mode]?.p95 ?? 0)} ms`;
      lines.push(
        `| ${backend} (${r.server}) | ${size.toLocaleString('en')} | ${r.documents.toLocaleString('en')} | ${Math.round(r.loadSeconds)} + ${Math.round(r.indexSeconds)} s | ${cell('keyword')} | ${cell('hybrid')} | ${cell('hybrid, 1 collection')} | ${cell('hybrid, typos')} | ${fixed(r.numbersConcurrent.p50)} / ${fixed(r.numbersConcurrent.max)} ms | ${r.peakRssMb} MB |`,
      );
    }
  }
  lines.push(
    '',
    `Each figure is the median over ${runs} rounds of ${100} queries (the 50 contoso questions twice), after 20 warm-up queries.`,
  );
}
if (only.has('ask')) {
  lines.push(
    '',
    '## ask, with the model faked to answer at once (PGlite, keyword-only, in-process)',
    '',
    '| corpus | documents | passages | ask p50 / p95 | first token after the model sends it p50 / p95 / max | peak RSS |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const corpus of ['handbook', 'contoso'] as const) {
    const r = await runScenario<AskResult>('ask', { corpus, contoso, handbook, rounds: runs });
    lines.push(
      `| ${corpus} | ${r.documents} | ${r.passages} | ${fixed(r.ask.p50)} / ${fixed(r.ask.p95)} ms | ${fixed(r.firstToken.p50, 2)} / ${fixed(r.firstToken.p95, 2)} / ${fixed(r.firstToken.max, 2)} ms | ${r.peakRssMb} MB |`,
    );
  }
  lines.push('', `ask: median over ${runs} rounds of 100 questions after 10 warm-up questions.`);
}
if (only.has('slack')) {
  lines.push(
    '',
    '## Slack bot over HTTP, with the model faked to answer at once',
    '',
    '| backend | ack p50 / p95 | event → answer posted p50 / p95 | 50 concurrent mentions (each delivered twice): answered / duplicates / errors | their event → answer p50 / p95 / max | peak RSS |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const backend of backends) {
    const r = await runScenario<SlackResult>('slack', { backend, handbook, rounds: runs });
    lines.push(
      `| ${backend} (${r.server}) | ${fixed(r.ack.p50)} / ${fixed(r.ack.p95)} ms | ${fixed(r.answer.p50)} / ${fixed(r.answer.p95)} ms | ${r.burst.answered} / ${r.burst.duplicates} / ${r.burst.errors} | ${Math.round(r.burst.p50)} / ${Math.round(r.burst.p95)} / ${Math.round(r.burst.max)} ms | ${r.peakRssMb} MB |`,
    );
  }
  lines.push(
    '',
    `Sequential figures: median over ${runs} rounds of 100 mentions after 10 warm-up mentions. "Event → answer posted" runs from sending the signed event to the final \`chat.update\` reaching the fake Slack: acknowledgement, placeholder, thread history, retrieval, the model call, recording the answer, rendering.`,
  );
}
if (only.has('slack-streaming')) {
  lines.push(
    '',
    '## Slack native streaming, with the model streaming 30 ms a piece',
    '',
    '| backend | event → first progress (thread status) p50 / p95 | model first token → first text in Slack p50 / p95 | 50 concurrent mentions, every 4th Web API call 429 (Retry-After 1 s): answered |',
    '|---|---:|---:|---:|',
  );
  for (const backend of backends) {
    const r = await runScenario<SlackStreamingResult>('slack-streaming', {
      backend,
      handbook,
      rounds: runs,
    });
    lines.push(
      `| ${backend} | ${fixed(r.firstProgress.p50)} / ${fixed(r.firstProgress.p95)} ms | ${fixed(r.firstText.p50)} / ${fixed(r.firstText.p95)} ms | ${r.rateLimited.answered} of ${r.rateLimited.mentions} |`,
    );
  }
  lines.push('', `Median over ${runs} rounds of 30 mentions.`);
}
if (only.has('teams')) {
  lines.push(
    '',
    '## Teams bot over HTTP, with the model faked to answer at once',
    '',
    '| backend | ack p50 / p95 | activity → reply posted p50 / p95 | 50 concurrent questions (each delivered twice): answered / duplicates / errors | their activity → reply p50 / p95 / max | peak RSS |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const backend of backends) {
    const r = await runScenario<TeamsResult>('teams', { backend, handbook, rounds: runs });
    lines.push(
      `| ${backend} (${r.server}) | ${fixed(r.ack.p50)} / ${fixed(r.ack.p95)} ms | ${fixed(r.answer.p50)} / ${fixed(r.answer.p95)} ms | ${r.burst.answered} / ${r.burst.duplicates} / ${r.burst.errors} | ${Math.round(r.burst.p50)} / ${Math.round(r.burst.p95)} / ${Math.round(r.burst.max)} ms | ${r.peakRssMb} MB |`,
    );
  }
  lines.push(
    '',
    `Sequential figures: median over ${runs} rounds of 100 questions after 10 warm-up questions. "Activity → reply posted" runs from sending the activity to the answer reaching the fake Bot Connector.`,
  );
}
if (only.has('hostile')) {
  const modelEnvironment = {
    KNOWHOW_EMBEDDINGS: 'local',
    KNOWHOW_MODEL_DIR: modelDirectory,
    KNOWHOW_EMBEDDING_MODEL: 'Xenova/all-MiniLM-L6-v2',
  };
  const r = await runScenario<HostileResult>('hostile', {
    handbook,
    contoso,
    modelEnvironment,
    runs,
  });
  lines.push(
    '',
    `## Hostile files: issue 10's folder (${r.files} hostile and odd files) with the sample handbook, \`knowhow ingest\` with all-MiniLM-L6-v2 (median of ${runs} runs)`,
    '',
    '| wall time | peak RSS (max) | hostile files reported by name | good files not searchable |',
    '|---:|---:|---:|---|',
    `| ${fixed(r.seconds)} s | ${r.peakRssMb} MB (${r.maxPeakRssMb} MB) | ${r.reported - r.missing.length} of ${r.reported}${r.missing.length ? ` (missing: ${r.missing.join(', ')})` : ''} | ${r.unsearchable.join(', ') || 'none'} |`,
    '',
    '| SIGTERM while | stop time median / max |',
    '|---|---:|',
    ...r.stops.map(
      (stop) =>
        `| ${stop.name} | ${fixed(stop.medianSeconds, 2)} / ${fixed(stop.maxSeconds, 2)} s |`,
    ),
  );
}
if (only.has('lean')) {
  lines.push(
    ...leanReport(await runScenario<LeanResult>('lean', { contoso, modelDirectory, runs }), runs),
  );
}
if (only.has('lean') || only.has('bot-memory')) {
  lines.push(...(await botMemoryReport(runScenario, { backends, handbook, modelDirectory, runs })));
}
if (only.has('sources')) {
  const r = await runScenario<SourcesResult>('sources', { runs });
  lines.push(
    '',
    `## Sources II: ${r.items} items per source from fakes answering after ${r.latencyMs} ms, embeddings off (PGlite, median of ${runs} runs)`,
    '',
    '| source | first sync | calls / content reads | no-change re-sync | calls / content reads | re-sync / first | deleted at the source, gone from search |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.types.map(
      (entry) =>
        `| ${entry.type} | ${fixed(entry.first.seconds, 2)} s | ${entry.first.requests} / ${entry.first.contentReads} | ${fixed(entry.resync.seconds, 2)} s | ${entry.resync.requests} / ${entry.resync.contentReads} | ${fixed((entry.resync.seconds / entry.first.seconds) * 100, 1)}% | ${entry.removedFromSearch} of ${entry.deleted} |`,
    ),
  );
}
if (only.has('sync')) {
  lines.push(
    '',
    `## Sync: \`knowhow sync\` against a fake Confluence Cloud, 2,000 pages, 5 ms per call, embeddings off (median of ${runs} runs)`,
    '',
    '| backend | first sync: wall / pass | calls (page fetches) | re-sync, no change: wall / pass | calls (page fetches) | rows written | re-sync / first (pass) | deleted pages still found | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const backend of backends) {
    const r = await runScenario<SyncResult>('sync', { backend, pages: 2000, delayMs: 5, runs });
    lines.push(
      `| ${backend} | ${fixed(r.first.seconds)} / ${fixed(r.first.passSeconds)} s | ${r.first.calls} (${r.first.pageFetches}) | ${fixed(r.again.seconds)} / ${fixed(r.again.passSeconds)} s | ${r.again.calls} (${r.again.pageFetches}) | ${r.againRowsWritten} | ${fixed((100 * r.again.passSeconds) / r.first.passSeconds)} % | ${r.stillFound} of ${r.deletedPages} (kept pages found: ${r.keptFound} of ${r.keptChecked}) | ${r.peakRssMb} MB |`,
    );
  }
  lines.push(
    '',
    '"Wall" is the `knowhow sync` process from start to exit (Node start, migrations check, config); "pass" is the pass itself as the command reports it. Rows written: rows of documents, chunks, document_terms and sync_items whose row version (xmin) changed in the re-sync. Deleted: every 20th page removed at the source, then one pass, then its own word searched.',
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
