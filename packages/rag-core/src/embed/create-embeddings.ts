import type { EmbeddingsInterface } from '@langchain/core/embeddings';

export type EmbeddingsOptions =
  | {
      readonly provider: 'local';
      /** Hugging Face model id, e.g. `Xenova/bge-small-en-v1.5`. */
      readonly model?: string;
      /** An offline folder in Hugging Face hub layout; when set, nothing is downloaded. */
      readonly modelDirectory?: string;
      /** Where downloaded models are cached. */
      readonly cacheDirectory?: string;
      /** onnxruntime intra-op threads; default: one per core. */
      readonly threads?: number;
    }
  | {
      readonly provider: 'openai';
      readonly model?: string;
      readonly apiKey?: string;
      /** Any OpenAI-compatible endpoint: Azure OpenAI, Ollama, vLLM, LM Studio. */
      readonly baseURL?: string;
      readonly dimensions?: number;
      readonly timeoutMs?: number;
    };

export interface ConfiguredEmbeddings {
  readonly embeddings: EmbeddingsInterface;
  /** Provider-qualified name under which vectors are stored, e.g. `local:Xenova/bge-small-en-v1.5`. */
  readonly modelName: string;
}

export const defaultLocalModel = 'Xenova/bge-small-en-v1.5';
export const defaultOpenAIModel = 'text-embedding-3-small';

/** Builds the configured embeddings client. Nothing is loaded or called until first use. */
export async function createEmbeddings(options: EmbeddingsOptions): Promise<ConfiguredEmbeddings> {
  if (options.provider === 'openai') {
    const model = options.model ?? defaultOpenAIModel;
    const { OpenAIEmbeddings } = await import('@langchain/openai');
    const embeddings = new OpenAIEmbeddings({
      model,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.dimensions ? { dimensions: options.dimensions } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      maxRetries: 3,
      configuration: options.baseURL ? { baseURL: options.baseURL } : {},
    });
    return { embeddings, modelName: `openai:${model}` };
  }
  // Clients load on demand: the ONNX runtime and the OpenAI SDK are large, and each mode
  // needs at most one of them.
  const { createLocalEmbeddings } = await import('./local-embeddings.js');
  const model = options.model ?? defaultLocalModel;
  return {
    embeddings: await createLocalEmbeddings({ ...options, model }),
    modelName: `local:${model}`,
  };
}
