import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ingestFiles } from '@knowhow/rag-core';
import { SingleBar } from 'cli-progress';
import { type CommandContext, withRuntime } from '../command-context.js';
import { formatIngestSummary } from '../output/format-ingest-summary.js';
import { printable } from '../output/printable.js';

export interface IngestCommandOptions {
  readonly collection: string;
  readonly prune: boolean;
  readonly json: boolean;
}

/** `knowhow ingest <paths…>`: exit code 1 when any file failed, 130 when interrupted. */
export async function runIngest(
  context: CommandContext,
  paths: readonly string[],
  options: IngestCommandOptions,
): Promise<number> {
  // Nothing to read at all: say so before opening (or creating) anything.
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length === paths.length) {
    for (const path of missing) context.warn(`Not found: ${resolve(path)}`);
    context.warn('Nothing was ingested.');
    return 1;
  }
  return withRuntime(context, 'ingest', async ({ store, embedder, log }) => {
    const bar =
      context.interactive && !options.json
        ? new SingleBar({
            format: ' {bar} {value}/{total} {source}',
            hideCursor: true,
            clearOnComplete: true,
          })
        : undefined;
    const summary = await ingestFiles(
      { store, log, ...(embedder ? { embedder } : {}) },
      {
        paths,
        collection: options.collection,
        prune: options.prune,
        maxFileBytes: context.env.KNOWHOW_MAX_FILE_MB * 1024 * 1024,
        parseBudget: {
          timeBudgetMs: context.env.KNOWHOW_PARSE_TIMEOUT_S * 1000,
          memoryBudgetMb: context.env.KNOWHOW_PARSE_MEMORY_MB,
        },
        onProgress: ({ done, total, source }) => {
          if (!bar) return;
          const shown = printable(source);
          if (!bar.isActive) bar.start(total, done, { source: shown });
          bar.update(done, { source: shown });
        },
        signal: context.stopGracefully(),
      },
    ).finally(() => bar?.stop());
    context.print(
      options.json ? JSON.stringify(summary, null, 2) : formatIngestSummary(summary, paths),
    );
    if (summary.notProcessed > 0) return 130;
    return summary.failed.length > 0 || summary.embeddingProblem ? 1 : 0;
  });
}
