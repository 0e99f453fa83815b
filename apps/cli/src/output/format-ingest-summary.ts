import { extname, relative } from 'node:path';
import { type IngestSummary, supportedExtensions } from '@knowhow/rag-core';
import { describeFileFailure } from '../user-messages.js';
import { printable } from './printable.js';

/** The ingest report: counts, then every failure with its reason. */
export function formatIngestSummary(
  summary: IngestSummary,
  paths: readonly string[],
  directory = process.cwd(),
): string {
  const found =
    summary.added +
    summary.updated +
    summary.unchanged +
    summary.failed.length +
    summary.notProcessed;
  if (found === 0 && summary.removed.length === 0) {
    const where = paths.map((path) => relative(directory, path) || path).join(', ');
    const what =
      summary.unsupported.length > 0
        ? `only ${describeUnsupported(summary.unsupported)}`
        : `no files (supported: ${supportedExtensions.join(', ')})`;
    return `Nothing to ingest: ${where} holds ${what}. Collection "${summary.collection}" is unchanged.`;
  }
  const lines = [
    `Ingested into collection "${summary.collection}" in ${summary.seconds.toFixed(1)} s`,
    `  added ${summary.added} · updated ${summary.updated} · unchanged ${summary.unchanged} · removed ${summary.removed.length} · failed ${summary.failed.length}`,
    `  ${summary.chunks} passages written, ${summary.embedded} embedded`,
  ];
  if (summary.unsupported.length > 0)
    lines.push(`  skipped ${describeUnsupported(summary.unsupported)}`);
  if (summary.notProcessed > 0) {
    lines.push(
      `  interrupted: ${summary.notProcessed} files not processed yet; run the same command again to finish`,
    );
  }
  for (const source of summary.removed) lines.push(`  - removed ${printable(source)}`);
  if (summary.embeddingProblem) {
    lines.push(
      `  ! vectors missing: ${summary.embeddingProblem.message}; those passages are found by keywords until the next ingest adds vectors`,
    );
  }
  if (summary.failed.length > 0) {
    lines.push('Failed (skipped, nothing of them was written):');
    for (const failure of summary.failed) {
      lines.push(
        `  ✗ ${printable(relative(directory, failure.path) || failure.path)}: ${describeFileFailure(failure)}`,
      );
    }
  }
  return lines.join('\n');
}

function describeUnsupported(paths: readonly string[]): string {
  const byExtension = new Map<string, number>();
  for (const path of paths) {
    const extension = extname(path).toLowerCase() || '(no extension)';
    byExtension.set(extension, (byExtension.get(extension) ?? 0) + 1);
  }
  const kinds = [...byExtension].map(([extension, count]) => `${extension} ×${count}`).join(', ');
  const noun = paths.length === 1 ? 'file' : 'files';
  return `${paths.length} ${noun} of unsupported types (${kinds}); supported: ${supportedExtensions.join(', ')}`;
}
