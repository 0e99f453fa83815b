import { describe, expect, it } from '@jest/globals';
import { FakeEmbeddings } from '@langchain/core/utils/testing';
import { FakeModelRegistry } from '../testing/fake-model-registry.js';
import { HashingEmbeddings } from '../testing/hashing-embeddings.js';
import { activateEmbedder } from './active-embedder.js';

class BrokenEmbeddings extends FakeEmbeddings {
  override async embedQuery(): Promise<number[]> {
    throw new Error('file was not found locally at "/models/onnx/model_quantized.onnx"');
  }
}

describe('activateEmbedder', () => {
  it('for ingest, learns the dimension from a probe and registers the model', async () => {
    const store = new FakeModelRegistry();
    const events: unknown[] = [];
    const activation = await activateEmbedder({
      embeddings: new HashingEmbeddings(48),
      modelName: 'test:hashing',
      store,
      purpose: 'ingest',
      log: (event) => events.push(event),
    });
    expect(activation.embedder?.model).toEqual({ id: 1, name: 'test:hashing', dimensions: 48 });
    expect(store.models).toHaveLength(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'embeddings.ready', dimensions: 48 }),
    );
  });

  it('for search, only looks the model up and reports its coverage', async () => {
    const store = new FakeModelRegistry();
    await store.registerEmbeddingModel('test:hashing', 48);
    store.coverage = { embedded: 10, total: 12 };
    const activation = await activateEmbedder({
      embeddings: new HashingEmbeddings(48),
      modelName: 'test:hashing',
      store,
      purpose: 'search',
    });
    expect(activation.embedder?.model.id).toBe(1);
    expect(activation.embedder && activation.coverage).toEqual({ embedded: 10, total: 12 });
  });

  it('for search, falls back to keywords when the model has no vectors yet, registering nothing', async () => {
    const store = new FakeModelRegistry();
    store.coverage = { embedded: 0, total: 12 };
    const activation = await activateEmbedder({
      embeddings: new HashingEmbeddings(48),
      modelName: 'test:new',
      store,
      purpose: 'search',
    });
    expect(activation.problem).toMatchObject({
      code: 'embeddings_not_built',
      message: 'the knowledge base has no vectors of test:new yet',
    });
    expect(store.models).toEqual([]);
  });

  it('reports a model that cannot load, without registering it', async () => {
    const store = new FakeModelRegistry();
    const activation = await activateEmbedder({
      embeddings: new BrokenEmbeddings(),
      modelName: 'local:x',
      store,
      purpose: 'ingest',
    });
    expect(activation.embedder).toBeUndefined();
    expect(activation.problem).toMatchObject({
      code: 'embeddings_unavailable',
      message: expect.stringContaining('local:x could not be loaded: file was not found locally'),
    });
    expect(store.models).toEqual([]);
  });
});
