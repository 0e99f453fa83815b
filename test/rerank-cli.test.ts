import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { makeHandbook } from './support/make-handbook.js';
import { runKnowhow } from './support/run-knowhow.js';

// A real ONNX cross-encoder graph with random weights (its scores mean nothing): enough to
// see the CLI load it, rerank with it and log it, offline.
const fixtures = fileURLToPath(
  new URL('../packages/rag-core/src/testing/fixtures/tiny-cross-encoder', import.meta.url),
);

interface LogLine {
  readonly type?: string;
  readonly reranker?: string;
  readonly candidates?: number;
}
const logLines = (stderr: string): LogLine[] =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

describe('KNOWHOW_RERANKER=local', () => {
  let workspace: string;
  const knowhow = (args: string[], env: Record<string, string> = {}) =>
    runKnowhow(args, {
      cwd: workspace,
      env: { KNOWHOW_EMBEDDINGS: 'none', KNOWHOW_DATA_DIR: join(workspace, 'data'), ...env },
    });

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-rerank-'));
    const ingest = await knowhow(['ingest', await makeHandbook()]);
    expect(ingest.code).toBe(0);
  }, 120_000);

  it('reranks the fused candidates with the cross-encoder in the model folder', async () => {
    const result = await knowhow(['search', 'vacation days', '-k', '3', '--json'], {
      KNOWHOW_RERANKER: 'local',
      KNOWHOW_RERANK_MODEL: 'Knowhow/tiny-cross-encoder',
      KNOWHOW_MODEL_DIR: fixtures,
      LOG_LEVEL: 'info',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(3);
    const rerank = logLines(result.stderr).find((line) => line.type === 'rerank');
    expect(rerank).toMatchObject({ reranker: 'local:Knowhow/tiny-cross-encoder' });
    expect(rerank?.candidates).toBeGreaterThan(3);
  }, 60_000);

  it('keeps the fused order, and says why once at start, when the cross-encoder is not there', async () => {
    const plain = await knowhow(['search', 'vacation days', '-k', '3', '--json']);
    const result = await knowhow(['search', 'vacation days', '-k', '3', '--json'], {
      KNOWHOW_RERANKER: 'local',
      KNOWHOW_MODEL_DIR: workspace,
      LOG_LEVEL: 'info',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(plain.stdout));
    const lines = logLines(result.stderr);
    const missing = lines.filter((line) => line.type === 'rerank.unavailable');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ reranker: 'local:Xenova/ms-marco-MiniLM-L-6-v2' });
    expect(JSON.stringify(missing[0])).toContain(join(workspace, 'Xenova/ms-marco-MiniLM-L-6-v2'));
    // No search waits for a load that fails again.
    expect(lines.filter((line) => line.type?.startsWith('rerank') && line !== missing[0])).toEqual(
      [],
    );
  }, 60_000);
});
