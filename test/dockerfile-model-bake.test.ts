import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { realModel } from '@knowhow/rag-core/testing';

// No Docker engine here: the script the Dockerfile's bake step runs is run directly, offline,
// with KNOWHOW_MODEL_DIR standing in for the download.
const checkout = fileURLToPath(new URL('..', import.meta.url));
const dockerfile = readFileSync(join(checkout, 'Dockerfile'), 'utf8');

/** As the Dockerfile runs it (in the checkout), or by its full path from `cwd`. */
function bake(model: string, modelDirectory: string, destination: string, cwd = checkout) {
  const script = cwd === checkout ? 'docker/bake-model.sh' : join(checkout, 'docker/bake-model.sh');
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn('sh', [script, model, destination], {
      cwd,
      env: {
        // The node running the tests (Node 24) is the one the script finds first.
        PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
        HOME: process.env.HOME ?? '',
        KNOWHOW_MODEL_DIR: modelDirectory,
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the Dockerfile bakes the embedding model', () => {
  it('runs docker/bake-model.sh with the configured model into /app/models', () => {
    expect(dockerfile).toContain('COPY docker/bake-model.sh docker/\n');
    expect(dockerfile).toContain(
      'sh docker/bake-model.sh "$KNOWHOW_EMBEDDING_MODEL" /app/models; fi\n',
    );
  });

  it('fails the build when the model cannot be loaded (no weights), naming the model', async () => {
    const models = await mkdtemp(join(tmpdir(), 'knowhow-bake-weightless-'));
    const model = join(models, realModel.model);
    // The model's configuration and tokenizer, when there are any here, but not its weights.
    if (existsSync(join(realModel.directory, realModel.model))) {
      await cp(join(realModel.directory, realModel.model), model, {
        recursive: true,
        filter: (path) => !path.includes(`${realModel.model}/onnx`),
      });
    }
    const destination = join(await mkdtemp(join(tmpdir(), 'knowhow-bake-out-')), 'models');

    const result = await bake(realModel.model, models, destination);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`bake-model: ${realModel.model} built vectors for 0 of `);
    expect(result.stderr).toContain('passages: it could not be loaded');
    expect(existsSync(destination)).toBe(false);
  });

  (realModel.skipReason ? it.skip : it)(
    `succeeds with a model that loads, and copies it in Hugging Face layout, whatever a .env where it runs says${realModel.skipReason ? ` (skipped: ${realModel.skipReason})` : ''}`,
    async () => {
      const destination = join(await mkdtemp(join(tmpdir(), 'knowhow-bake-out-')), 'models');
      // A folder with a .env whose settings would break the sample ingest, were they read.
      const elsewhere = await mkdtemp(join(tmpdir(), 'knowhow-bake-cwd-'));
      await writeFile(
        join(elsewhere, '.env'),
        'KNOWHOW_EMBEDDING_DIMENSIONS=7\nKNOWHOW_MAX_FILE_MB=0\nDATABASE_URL=postgres://nobody@127.0.0.1:1/none\n',
      );

      const result = await bake(realModel.model, realModel.directory, destination, elsewhere);

      // On failure the diff shows the script's stderr.
      expect(result).toMatchObject({ code: 0 });
      expect(existsSync(join(destination, realModel.model, 'onnx', 'model_quantized.onnx'))).toBe(
        true,
      );
      expect((await readdir(join(destination, realModel.model))).sort()).toEqual(
        (await readdir(join(realModel.directory, realModel.model))).sort(),
      );
    },
  );
});
