import type { PreTrainedModel, PreTrainedTokenizer } from '@huggingface/transformers';

export interface OnnxModelOptions {
  readonly model: string;
  /** Folder holding `<model>/onnx/model_quantized.onnx`, tokenizer and config (offline). */
  readonly modelDirectory?: string;
  /** Where a model fetched from the Hugging Face hub is kept (no `modelDirectory`). */
  readonly cacheDirectory?: string;
  /** onnxruntime intra-op threads; default: all cores. */
  readonly threads?: number;
}

export interface OnnxSession {
  readonly tokenizer: PreTrainedTokenizer;
  readonly model: PreTrainedModel;
}

/** Sentence embeddings (`AutoModel`) or a cross-encoder's one logit per pair. */
export type OnnxModelKind = 'encoder' | 'sequence-classification';

// One session per model and process: the bots, ingest, search and reranking share them.
const sessions = new Map<string, Promise<OnnxSession>>();

/**
 * A transformers.js int8 model and its tokenizer, loaded once per process. A failed load is
 * retried by the next caller rather than cached.
 */
export function loadOnnxSession(
  kind: OnnxModelKind,
  options: OnnxModelOptions,
): Promise<OnnxSession> {
  const key = `${kind}|${options.modelDirectory ?? ''}|${options.model}|${options.threads ?? ''}`;
  let loading = sessions.get(key);
  if (!loading) {
    loading = load(kind, options);
    sessions.set(key, loading);
    loading.catch(() => sessions.delete(key));
  }
  return loading;
}

async function load(kind: OnnxModelKind, options: OnnxModelOptions): Promise<OnnxSession> {
  const { AutoModel, AutoModelForSequenceClassification, AutoTokenizer, env } =
    await import('@huggingface/transformers');
  if (options.modelDirectory) {
    env.localModelPath = options.modelDirectory.endsWith('/')
      ? options.modelDirectory
      : `${options.modelDirectory}/`;
    env.allowRemoteModels = false;
  }
  if (options.cacheDirectory) env.cacheDir = options.cacheDirectory;
  const loader = kind === 'encoder' ? AutoModel : AutoModelForSequenceClassification;
  const [tokenizer, model] = await Promise.allSettled([
    AutoTokenizer.from_pretrained(options.model),
    loader.from_pretrained(options.model, {
      dtype: 'q8',
      session_options: {
        // The arena keeps the largest batch's buffers for the life of the process.
        enableCpuMemArena: false,
        ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
      },
    }),
  ]);
  // The model's error names the missing file (config, weights); the tokenizer's does not.
  if (model.status === 'rejected') throw model.reason;
  if (tokenizer.status === 'rejected') throw tokenizer.reason;
  return { tokenizer: tokenizer.value, model: model.value };
}
