import type {
  EmbeddingCoverage,
  EmbeddingModel,
  KnowledgeStore,
} from '../store/knowledge-store.js';

/** The model part of the store port, in memory: records registrations, reports set coverage. */
export class FakeModelRegistry implements Pick<
  KnowledgeStore,
  'registerEmbeddingModel' | 'findEmbeddingModel' | 'embeddingCoverage'
> {
  readonly models: EmbeddingModel[] = [];
  coverage: EmbeddingCoverage = { embedded: 0, total: 0 };

  async registerEmbeddingModel(name: string, dimensions: number): Promise<EmbeddingModel> {
    const existing = await this.findEmbeddingModel(name, dimensions);
    if (existing) return existing;
    const model = { id: this.models.length + 1, name, dimensions };
    this.models.push(model);
    return model;
  }

  async findEmbeddingModel(name: string, dimensions: number): Promise<EmbeddingModel | undefined> {
    return this.models.find((model) => model.name === name && model.dimensions === dimensions);
  }

  async embeddingCoverage(): Promise<EmbeddingCoverage> {
    return this.coverage;
  }
}
