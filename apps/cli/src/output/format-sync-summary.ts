import type { SourceSyncResult, SyncSummary } from '@knowhow/rag-core';

/** `knowhow sync --json`: `{"sources":[{name, type, added, updated, deleted, unchanged, failed, error?}]}`. */
export function syncSummaryToJson(summary: SyncSummary) {
  return {
    sources: summary.sources.map((result) => ({
      name: result.name,
      type: result.type,
      added: result.added,
      updated: result.updated,
      deleted: result.deleted,
      unchanged: result.unchanged,
      failed: result.failed.map((item) => ({
        id: item.id,
        title: item.title,
        url: item.url,
        reason: item.reason,
      })),
      ...(result.error === undefined ? {} : { error: result.error }),
    })),
  };
}

/** The sync report: one line per source, then each failed item with its reason. */
export function formatSyncSummary(summary: SyncSummary): string {
  const lines: string[] = [];
  for (const result of summary.sources) lines.push(...describeResult(result));
  if (summary.embeddingProblem) {
    lines.push(
      `! vectors missing: ${summary.embeddingProblem}; those passages are found by keywords until the next sync adds vectors`,
    );
  }
  return lines.join('\n');
}

function describeResult(result: SourceSyncResult): string[] {
  const label = `${result.name} (${result.type} → ${result.collection})`;
  if (result.removed) {
    return [
      `${result.name}: no longer in knowhow.yaml, so its ${result.deleted} documents were removed`,
    ];
  }
  if (result.error !== undefined) {
    return [`${label}: failed, its documents are kept as they were: ${result.error}`];
  }
  const counts = `added ${result.added} · updated ${result.updated} · deleted ${result.deleted} · unchanged ${result.unchanged} · failed ${result.failed.length}`;
  const lines = [`${label}: ${counts} (${result.seconds.toFixed(1)} s)`];
  if (result.status === 'interrupted') {
    lines.push('  interrupted: run `knowhow sync` again to finish; what was written stays');
  }
  for (const item of result.failed) {
    const where = item.url ? ` <${item.url}>` : '';
    lines.push(`  ✗ ${item.title ?? item.id}${where}: ${item.reason}`);
  }
  return lines;
}
