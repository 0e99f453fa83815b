import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FakeModelRegistry } from '../testing/fake-model-registry.js';
import { createRealEmbeddings, realModel } from '../testing/real-model.js';
import { activateEmbedder } from './active-embedder.js';
import { createEmbeddings, defaultLocalModel } from './create-embeddings.js';
import { hasWordVocabulary } from './word-vocabulary.js';

const store = new FakeModelRegistry();

// The shared model folder has the tokenizer and config of the default model, not its weights.
const sharedModels = realModel.directory;

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

  (realModel.skipReason ? it.skip : it)(
    `embed with the real ${realModel.model} model (384 dimensions, related texts closer)${realModel.skipReason ? ` (skipped: ${realModel.skipReason})` : ''}`,
    async () => {
      const { embeddings, modelName } = await createRealEmbeddings();
      const activation = await activateEmbedder({
        embeddings,
        modelName,
        store,
        purpose: 'ingest',
      });
      expect(activation.embedder?.model).toMatchObject({
        name: `local:${realModel.model}`,
        dimensions: 384,
      });
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

  (realModel.skipReason ? it.skip : it)(
    `give a passage the same vector whatever it is embedded with, and the one its text gets as a query${realModel.skipReason ? ` (skipped: ${realModel.skipReason})` : ''}`,
    async () => {
      const { embeddings } = await createRealEmbeddings();
      const passage = 'Orthodontics for children is covered up to 1,500 EUR per child.';
      const long = `${'The plan pays for dental care, eye care and hospital stays. '.repeat(30)}`;
      const [alone] = await embeddings.embedDocuments([passage]);
      const [, withOthers] = await embeddings.embedDocuments([long, passage, 'Gym: 50 EUR.']);
      expect(withOthers).toEqual(alone);
      expect(await embeddings.embedQuery(passage)).toEqual(alone);
    },
  );

  (realModel.skipReason ? it.skip : it)(
    `know the whole words of the model's vocabulary, not typos${realModel.skipReason ? ` (skipped: ${realModel.skipReason})` : ''}`,
    async () => {
      const { embeddings } = await createRealEmbeddings();
      if (!hasWordVocabulary(embeddings)) throw new Error('local embeddings have no vocabulary');
      for (const word of ['storm', 'Protected', 'viola']) {
        expect(await embeddings.knowsWord(word)).toBe(true);
      }
      for (const word of ['gendr', 'servises', 'paternty']) {
        expect(await embeddings.knowsWord(word)).toBe(false);
      }
    },
  );
});
