import type { PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { loadOnnxSession, type OnnxModelOptions } from '../../embed/onnx-session.js';
import type { Reranker } from './reranker.js';

/** The cross-encoder used when none is named: MS MARCO MiniLM, 6 layers (Xenova layout). */
export const defaultLocalReranker = 'Xenova/ms-marco-MiniLM-L-6-v2';

export interface LocalRerankerOptions extends Partial<OnnxModelOptions> {
  /** Tokens of question and passage together the model sees; the rest of a passage is cut. */
  readonly maxTokens?: number;
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

/**
 * A cross-encoder through transformers.js: each (question, passage) pair is read together and
 * given one relevance logit. One pair per run, like the embeddings: the int8 model quantizes
 * activations per run, so a pair's score never depends on the others. The signal is checked
 * between pairs, so a timeout stops the work, not only the wait.
 */
export function createLocalReranker(options: LocalRerankerOptions = {}): LocalReranker {
  const model = options.model ?? defaultLocalReranker;
  const maxTokens = options.maxTokens ?? 256;
  const load = () => loadOnnxSession('sequence-classification', { ...options, model });
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
