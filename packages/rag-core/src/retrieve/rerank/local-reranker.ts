import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import type { Reranker } from './reranker.js';

/** The cross-encoder used when none is named: MS MARCO MiniLM, 6 layers (Xenova layout). */
export const defaultLocalReranker = 'Xenova/ms-marco-MiniLM-L-6-v2';

export interface LocalRerankerOptions {
  readonly model?: string;
  /** Folder holding `<model>/onnx/model_quantized.onnx`, tokenizer and config (offline). */
  readonly modelDirectory?: string;
  /** Tokens of question and passage together the model sees; the rest of a passage is cut. */
  readonly maxTokens?: number;
  /** Where a model fetched from the Hugging Face hub is kept (no `modelDirectory`). */
  readonly cacheDirectory?: string;
  /** onnxruntime intra-op threads; default: all cores. */
  readonly threads?: number;
}

export interface LocalReranker extends Reranker {
  /** Loads the model now (once per process), so a missing one is known before any search. */
  load(): Promise<void>;
  /** Each passage's relevance logit for the question, in the passages' order. */
  score(
    query: string,
    documents: readonly string[],
    options: { readonly signal: AbortSignal },
  ): Promise<number[]>;
}

interface LoadedCrossEncoder {
  readonly tokenizer: PreTrainedTokenizer;
  readonly model: PreTrainedModel;
}

// One session per model and process, as for the embedding model.
const sessions = new Map<string, Promise<LoadedCrossEncoder>>();

async function loadCrossEncoder(options: LocalRerankerOptions): Promise<LoadedCrossEncoder> {
  const { AutoModelForSequenceClassification, AutoTokenizer, env } =
    await import('@huggingface/transformers');
  const model = options.model ?? defaultLocalReranker;
  if (options.modelDirectory) {
    env.localModelPath = options.modelDirectory.endsWith('/')
      ? options.modelDirectory
      : `${options.modelDirectory}/`;
    env.allowRemoteModels = false;
  }
  if (options.cacheDirectory) env.cacheDir = options.cacheDirectory;
  const [tokenizer, classifier] = await Promise.allSettled([
    AutoTokenizer.from_pretrained(model),
    AutoModelForSequenceClassification.from_pretrained(model, {
      dtype: 'q8',
      session_options: {
        enableCpuMemArena: false,
        ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
      },
    }),
  ]);
  // The model's error names the missing file; the tokenizer's does not.
  if (classifier.status === 'rejected') throw classifier.reason;
  if (tokenizer.status === 'rejected') throw tokenizer.reason;
  return { tokenizer: tokenizer.value, model: classifier.value };
}

/**
 * A cross-encoder through transformers.js: each (question, passage) pair is read together and
 * given one relevance logit. One pair per run, like the embeddings: the int8 model quantizes
 * activations per run, so a pair's score never depends on the others. The signal is checked
 * between pairs, so a timeout stops the work, not only the wait.
 */
export function createLocalReranker(options: LocalRerankerOptions = {}): LocalReranker {
  const model = options.model ?? defaultLocalReranker;
  const maxTokens = options.maxTokens ?? 256;
  const key = `${options.modelDirectory ?? ''}|${model}|${options.threads ?? ''}`;
  const load = () => {
    let loading = sessions.get(key);
    if (!loading) {
      loading = loadCrossEncoder(options);
      sessions.set(key, loading);
      loading.catch(() => sessions.delete(key));
    }
    return loading;
  };
  const score: LocalReranker['score'] = async (query, documents, { signal }) => {
    const { tokenizer, model: classifier } = await load();
    const { Tensor } = await import('@huggingface/transformers');
    const question = tokenizer.encode(query, { add_special_tokens: false });
    const scores: number[] = [];
    for (const document of documents) {
      signal.throwIfAborted();
      const { logits } = (await classifier(
        pairInputs(Tensor, tokenizer, question, document, maxTokens),
      )) as { logits: { data: ArrayLike<number> } };
      scores.push(Number(logits.data[0]));
    }
    return scores;
  };
  return {
    name: `local:${model}`,
    load: async () => {
      await load();
    },
    score,
    async rerank(query, documents, options) {
      const scores = await score(query, documents, options);
      return scores
        .map((value, index) => ({ index, value }))
        .sort((a, b) => b.value - a.value)
        .map((row) => row.index);
    },
  };
}

/**
 * `[CLS] question [SEP] passage [SEP]` with the passage cut to fit `maxTokens`: the tokenizer's
 * own truncation cuts the end, closing [SEP] included, which the model was trained to see.
 */
function pairInputs(
  TensorClass: typeof Tensor,
  tokenizer: PreTrainedTokenizer,
  question: readonly number[],
  passage: string,
  maxTokens: number,
) {
  // An empty text encodes as the model's own `[CLS] [SEP]`.
  const special = tokenizer.encode('', { add_special_tokens: true });
  const cls = special[0] ?? 101;
  const sep = tokenizer.sep_token_id;
  const asked = question.slice(0, Math.floor(maxTokens / 2));
  const room = Math.max(maxTokens - asked.length - 3, 1);
  const text = tokenizer.encode(passage, { add_special_tokens: false }).slice(0, room);
  const ids = [cls, ...asked, sep, ...text, sep];
  const types = ids.map((_, position) => (position < asked.length + 2 ? 0 : 1));
  const tensor = (values: readonly number[]) =>
    new TensorClass('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
  return {
    input_ids: tensor(ids),
    attention_mask: tensor(ids.map(() => 1)),
    token_type_ids: tensor(types),
  };
}
