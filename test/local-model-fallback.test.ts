import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runKnowhow } from './support/run-knowhow.js';

describe('the local embedding model missing its weights (offline)', () => {
  it('is reported once with the fix, and ingest and search continue by keywords', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'knowhow-offline-'));
    const models = await mkdtemp(join(tmpdir(), 'knowhow-models-'));
    await writeFile(
      join(workspace, 'travel.md'),
      '# Travel\n\nBook trains at least two weeks early.',
    );
    const env = {
      KNOWHOW_DATA_DIR: join(workspace, 'data'),
      KNOWHOW_EMBEDDINGS: 'local',
      KNOWHOW_MODEL_DIR: models,
    };

    const ingest = await runKnowhow(['ingest', 'travel.md'], { cwd: workspace, env });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain('1 passages written, 0 embedded');
    expect(ingest.stderr).toContain(
      'Note: embedding model local:Xenova/bge-small-en-v1.5 could not be loaded',
    );
    expect(ingest.stderr).toContain('Knowhow continues with keyword search only.');
    expect(ingest.stderr).toContain(`To fix: put the model's ONNX weights under ${models}`);

    const search = await runKnowhow(['search', 'trains', '--json'], { cwd: workspace, env });
    expect(search.code).toBe(0);
    expect(search.stderr.match(/Note:/g)).toHaveLength(1);
    // The note is for people; no duplicate operator log line at the default level.
    expect(search.stderr).not.toContain('"level"');
    expect(JSON.parse(search.stdout)).toEqual([
      expect.objectContaining({ source: 'travel.md', vector_rank: null }),
    ]);
  });
});
