import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FakeModelRegistry } from '../testing/fake-model-registry.js';
import { activateEmbedder } from './active-embedder.js';
import { createEmbeddings, defaultLocalModel } from './create-embeddings.js';

const store = new FakeModelRegistry();

// KNOWHOW_MODEL_DIR when set, else the shared offline model folder beside the checkout;
// weights may or may not be there yet.
const sharedModels =
  process.env.KNOWHOW_MODEL_DIR || resolve(process.cwd(), '..', 'shared', 'models');
const weights = join(sharedModels, defaultLocalModel, 'onnx', 'model_quantized.onnx');

describe('local embeddings', () => {
  it('fall back with a message naming the missing weights file when the model folder lacks them', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-models-'));
    const { embeddings, modelName } = await createEmbeddings({
      provider: 'local',
      model: 'Acme/tiny-model',
      modelDirectory: folder,
    });
    const activation = await activateEmbedder({ embeddings, modelName, store, purpose: 'ingest' });
    expect(activation.embedder).toBeUndefined();
    expect(activation.problem?.message).toContain('local:Acme/tiny-model could not be loaded');
    expect(activation.problem?.message).toContain(join(folder, 'Acme/tiny-model'));
  });

  it('fall back when the folder has the tokenizer and config but no weights', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-models-'));
    const source = join(sharedModels, defaultLocalModel);
    await cp(source, join(folder, defaultLocalModel), {
      recursive: true,
      filter: (path) => !path.includes('onnx'),
    });
    const { embeddings, modelName } = await createEmbeddings({
      provider: 'local',
      modelDirectory: folder,
    });
    const activation = await activateEmbedder({ embeddings, modelName, store, purpose: 'ingest' });
    expect(activation.problem?.code).toBe('embeddings_unavailable');
    expect(activation.problem?.message).toContain(
      join(folder, defaultLocalModel, 'onnx', 'model_quantized.onnx'),
    );
  });

  // Runs the real model whenever the shared folder has its weights; otherwise checks that the
  // same folder produces the plain "missing weights" message the CLI shows.
  it(
    existsSync(weights)
      ? 'embed with the real bge-small model (384 dimensions, related texts closer)'
      : 'report the missing bge-small weights in the shared model folder',
    async () => {
      const { embeddings, modelName } = await createEmbeddings({
        provider: 'local',
        modelDirectory: sharedModels,
      });
      const activation = await activateEmbedder({
        embeddings,
        modelName,
        store,
        purpose: 'ingest',
      });
      if (!existsSync(weights)) {
        expect(activation.problem?.message).toContain('onnx/model_quantized.onnx');
        return;
      }
      expect(activation.embedder?.model.dimensions).toBe(384);
      const [vacation, holidays, printer] = await embeddings.embedDocuments([
        'Employees get 25 vacation days.',
        'How much paid holiday do staff have?',
        'Replace the printer toner.',
      ]);
      const cosine = (a: number[] = [], b: number[] = []) =>
        a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
      expect(cosine(vacation, holidays)).toBeGreaterThan(cosine(vacation, printer));
    },
  );
});
