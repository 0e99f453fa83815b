import { describe, expect, it } from '@jest/globals';
import { FakeEmbeddings } from '@langchain/core/utils/testing';
import type { EmbeddingModel } from '../store/knowledge-store.js';
import { HashingEmbeddings } from '../testing/hashing-embeddings.js';
import { activateEmbedder } from './active-embedder.js';

function recordingStore() {
  const registered: [string, number][] = [];
  return {
    registered,
    registerEmbeddingModel: async (name: string, dimensions: number): Promise<EmbeddingModel> => {
      registered.push([name, dimensions]);
      return { id: 7, name, dimensions };
    },
  };
}

class BrokenEmbeddings extends FakeEmbeddings {
  override async embedQuery(): Promise<number[]> {
    throw new Error('file was not found locally at "/models/onnx/model_quantized.onnx"');
  }
}

describe('activateEmbedder', () => {
  it('learns the dimension from a probe and registers the model under its name', async () => {
    const store = recordingStore();
    const events: unknown[] = [];
    const activation = await activateEmbedder({
      embeddings: new HashingEmbeddings(48),
      modelName: 'test:hashing',
      store,
      log: (event) => events.push(event),
    });
    expect(activation.embedder?.model).toEqual({ id: 7, name: 'test:hashing', dimensions: 48 });
    expect(store.registered).toEqual([['test:hashing', 48]]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'embeddings.ready', dimensions: 48 }),
    );
  });

  it('reports a model that cannot load, without registering it', async () => {
    const store = recordingStore();
    const activation = await activateEmbedder({
      embeddings: new BrokenEmbeddings(),
      modelName: 'local:x',
      store,
    });
    expect(activation.embedder).toBeUndefined();
    expect(activation.problem).toMatchObject({
      code: 'embeddings_unavailable',
      message: expect.stringContaining('local:x could not be loaded: file was not found locally'),
    });
    expect(store.registered).toEqual([]);
  });
});
