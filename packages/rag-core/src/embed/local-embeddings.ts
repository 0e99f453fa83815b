import { env } from '@huggingface/transformers';
import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

interface ModelProfile {
  readonly pooling: 'cls' | 'mean';
  /** bge models retrieve better when short queries carry this instruction; passages do not. */
  readonly queryPrefix: string;
}

const profiles: readonly [RegExp, ModelProfile][] = [
  [
    /bge-.*-en/i,
    { pooling: 'cls', queryPrefix: 'Represent this sentence for searching relevant passages: ' },
  ],
  [/bge-/i, { pooling: 'cls', queryPrefix: '' }],
];
const defaultProfile: ModelProfile = { pooling: 'mean', queryPrefix: '' };

class LocalEmbeddings extends HuggingFaceTransformersEmbeddings {
  readonly #queryPrefix: string;

  constructor(model: string, profile: ModelProfile) {
    super({
      model,
      stripNewLines: true,
      pretrainedOptions: { dtype: 'q8' },
      pipelineOptions: { pooling: profile.pooling, normalize: true },
    });
    this.#queryPrefix = profile.queryPrefix;
  }

  override embedQuery(text: string): Promise<number[]> {
    return super.embedQuery(this.#queryPrefix + text);
  }
}

export async function createLocalEmbeddings(options: {
  readonly model: string;
  readonly modelDirectory?: string;
  readonly cacheDirectory?: string;
}): Promise<EmbeddingsInterface> {
  if (options.modelDirectory) {
    env.localModelPath = options.modelDirectory.endsWith('/')
      ? options.modelDirectory
      : `${options.modelDirectory}/`;
    env.allowRemoteModels = false;
  }
  if (options.cacheDirectory) env.cacheDir = options.cacheDirectory;
  const profile = profiles.find(([pattern]) => pattern.test(options.model))?.[1] ?? defaultProfile;
  return new LocalEmbeddings(options.model, profile);
}
