import type { SourceState } from '@knowhow/rag-core';
import { PgSyncStore } from '@knowhow/store-pgvector';
import { type CommandContext, missingKnowledgeBase, withStore } from '../command-context.js';
import { type ConfiguredSource, loadSourcesConfig } from '../sources/sources-config.js';

/** `knowhow sources [--json]`: each source with its last sync, its result and its documents. */
export async function runSources(
  context: CommandContext,
  options: { json: boolean },
): Promise<number> {
  const config = loadSourcesConfig(
    context.env.KNOWHOW_CONFIG,
    context.directory,
    context.variables,
  );
  // No knowledge base yet: the configured sources are listed as never synced, and none is
  // created. Only the store opens (no model): nothing here searches.
  if (missingKnowledgeBase(context.env)) return report(context, config, new Map(), options);
  return withStore(context, async (store) => {
    const states = new Map(
      (await new PgSyncStore(store.database).sourceStates()).map((state) => [state.name, state]),
    );
    return report(context, config, states, options);
  });
}

function report(
  context: CommandContext,
  config: ReturnType<typeof loadSourcesConfig>,
  states: ReadonlyMap<string, SourceState>,
  options: { json: boolean },
): number {
  const rows = [
    ...config.sources.map((source) => describe(source, states.get(source.name))),
    ...[...states.values()]
      .filter((state) => !config.sources.some((source) => source.name === state.name))
      .map((state) => describe(undefined, state)),
  ];
  if (options.json) {
    context.print(JSON.stringify({ config: config.path ?? null, sources: rows }, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    context.print(
      config.path
        ? `${config.path} lists no sources.`
        : `No knowhow.yaml in ${context.directory} (or set KNOWHOW_CONFIG); see "Sources" in the README.`,
    );
    return 0;
  }
  for (const row of rows) context.print(formatRow(row));
  return 0;
}

type SourceRow = ReturnType<typeof describe>;

function describe(source: ConfiguredSource | undefined, state: SourceState | undefined) {
  return {
    name: source?.name ?? state?.name ?? '',
    type: source?.type ?? state?.type ?? '',
    collection: source?.collection ?? state?.collection ?? '',
    configured: source !== undefined,
    /** A broken entry in knowhow.yaml. */
    problem: source?.problem ?? null,
    last_sync: state?.lastFinishedAt?.toISOString() ?? null,
    status: state?.lastStatus ?? null,
    error: state?.lastError ?? null,
    counts: state?.lastCounts ?? null,
    documents: state?.documents ?? 0,
    failed_items: state?.failedItems ?? 0,
  };
}

function formatRow(row: SourceRow): string {
  const head = `${row.name} (${row.type} → ${row.collection}): ${row.documents} documents`;
  const lines = [head];
  if (!row.configured)
    lines.push('  no longer in knowhow.yaml: its documents are removed by the next `knowhow sync`');
  if (row.problem) lines.push(`  ! ${row.problem}`);
  if (!row.last_sync) lines.push('  never synced');
  else {
    const counts = row.counts
      ? ` (added ${row.counts.added} · updated ${row.counts.updated} · deleted ${row.counts.deleted} · unchanged ${row.counts.unchanged} · failed ${row.counts.failed})`
      : '';
    lines.push(`  last sync ${row.last_sync}: ${row.status ?? 'unknown'}${counts}`);
  }
  if (row.error) lines.push(`  error: ${row.error}`);
  if (row.failed_items > 0)
    lines.push(`  ${row.failed_items} items failed; they are retried on the next sync`);
  return lines.join('\n');
}
