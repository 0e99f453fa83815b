import { env } from '@huggingface/transformers';
import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

interface ModelProfile {
  readonly pooling: 'cls' | 'mean';
  /** What the model was trained to see before a search query (its model card says). */
  readonly queryPrefix: string;
  /** …and before a passage. */
  readonly passagePrefix: string;
}

const retrievalInstruction = 'Represent this sentence for searching relevant passages: ';
// First match wins. MiniLM and gte take no prefixes; e5 and nomic need theirs on both sides.
const profiles: readonly [RegExp, ModelProfile][] = [
  [/bge-.*-en/i, { pooling: 'cls', queryPrefix: retrievalInstruction, passagePrefix: '' }],
  [/bge-/i, { pooling: 'cls', queryPrefix: '', passagePrefix: '' }],
  [
    /(^|\/)(multilingual-)?e5-/i,
    { pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' },
  ],
  [
    /nomic-embed-text/i,
    { pooling: 'mean', queryPrefix: 'search_query: ', passagePrefix: 'search_document: ' },
  ],
  [
    /mxbai-embed-large|snowflake-arctic-embed/i,
    { pooling: 'cls', queryPrefix: retrievalInstruction, passagePrefix: '' },
  ],
];
const defaultProfile: ModelProfile = { pooling: 'mean', queryPrefix: '', passagePrefix: '' };

/** The pooling and prefixes used for a model id. */
export function modelProfile(model: string): ModelProfile {
  return profiles.find(([pattern]) => pattern.test(model))?.[1] ?? defaultProfile;
}

class LocalEmbeddings extends HuggingFaceTransformersEmbeddings {
  readonly #queryPrefix: string;
  readonly #passagePrefix: string;

  constructor(model: string, profile: ModelProfile) {
    super({
      model,
      stripNewLines: true,
      pretrainedOptions: { dtype: 'q8' },
      pipelineOptions: { pooling: profile.pooling, normalize: true },
    });
    this.#queryPrefix = profile.queryPrefix;
    this.#passagePrefix = profile.passagePrefix;
  }

  override embedQuery(text: string): Promise<number[]> {
    return super.embedQuery(this.#queryPrefix + text);
  }

  override embedDocuments(texts: string[]): Promise<number[][]> {
    return super.embedDocuments(
      this.#passagePrefix ? texts.map((text) => this.#passagePrefix + text) : texts,
    );
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
  const profile = modelProfile(options.model);
  return new LocalEmbeddings(options.model, profile);
}
