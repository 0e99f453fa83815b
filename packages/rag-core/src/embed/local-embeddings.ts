import type { Tensor } from '@huggingface/transformers';
import { Embeddings } from '@langchain/core/embeddings';
import { loadOnnxSession, type OnnxModelOptions, type OnnxSession } from './onnx-session.js';

interface ModelProfile {
  readonly pooling: 'cls' | 'mean';
  /** What the model was trained to see before a search query (its model card says). */
  readonly queryPrefix: string;
  /** …and before a passage. */
  readonly passagePrefix: string;
  /**
   * Tokens the model was trained on. transformers.js would cut at the tokenizer's 512;
   * sentence-transformers cuts MiniLM at 256, and what lies beyond only costs time.
   */
  readonly maxTokens: number;
}

const retrievalInstruction = 'Represent this sentence for searching relevant passages: ';
const plain = { queryPrefix: '', passagePrefix: '', maxTokens: 512 } as const;
// First match wins. MiniLM and gte take no prefixes; e5 and nomic need theirs on both sides.
const profiles: readonly [RegExp, ModelProfile][] = [
  [/bge-.*-en/i, { ...plain, pooling: 'cls', queryPrefix: retrievalInstruction }],
  [/bge-/i, { ...plain, pooling: 'cls' }],
  [
    /(^|\/)(multilingual-)?e5-/i,
    { ...plain, pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' },
  ],
  [
    /nomic-embed-text/i,
    {
      ...plain,
      pooling: 'mean',
      queryPrefix: 'search_query: ',
      passagePrefix: 'search_document: ',
    },
  ],
  [
    /mxbai-embed-large|snowflake-arctic-embed/i,
    { ...plain, pooling: 'cls', queryPrefix: retrievalInstruction },
  ],
  [/all-MiniLM|all-mpnet|paraphrase-/i, { ...plain, pooling: 'mean', maxTokens: 256 }],
];
const defaultProfile: ModelProfile = { ...plain, pooling: 'mean' };

/** The pooling, prefixes and input length used for a model id. */
export function modelProfile(model: string): ModelProfile {
  return profiles.find(([pattern]) => pattern.test(model))?.[1] ?? defaultProfile;
}

export type LocalEmbeddingsOptions = OnnxModelOptions;

/**
 * Sentence embeddings with transformers.js (ONNX, int8): texts cut at the model's trained
 * length, one per run, pooled and L2-normalised as the model's profile says. The model loads
 * on first use.
 */
export class LocalEmbeddings extends Embeddings {
  readonly #options: LocalEmbeddingsOptions;
  readonly #profile: ModelProfile;

  constructor(options: LocalEmbeddingsOptions) {
    super({ maxConcurrency: 1 });
    this.#options = options;
    this.#profile = modelProfile(options.model);
  }

  #load(): Promise<OnnxSession> {
    return loadOnnxSession('encoder', this.#options);
  }

  /** A whole word of the tokenizer's vocabulary: one token, not the unknown one (WordVocabulary). */
  async knowsWord(word: string): Promise<boolean> {
    const { tokenizer } = await this.#load();
    const lower = word.toLowerCase();
    const ids = tokenizer.encode(lower, { add_special_tokens: false });
    return ids.length === 1 && tokenizer.decode(ids).trim() === lower;
  }

  override async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.#embed([this.#profile.queryPrefix + text]);
    return vector ?? [];
  }

  /**
   * One passage per model run. The int8 model quantizes its activations with one scale per
   * run, so a passage batched with others (and their padding) got a slightly different vector
   * each time: contoso page hit@5 moved between 0.80 and 0.84 with the batching alone. Alone,
   * a passage's vector is always the same and made as a query's is, at no cost in time
   * (no padding computed; docs/benchmarks.md).
   */
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    const { passagePrefix } = this.#profile;
    const vectors: number[][] = [];
    for (const text of texts) {
      const [vector] = await this.#embed([passagePrefix + text]);
      vectors.push(vector ?? []);
    }
    return vectors;
  }

  async #embed(texts: string[]): Promise<number[][]> {
    const { tokenizer, model } = await this.#load();
    const { mean_pooling } = await import('@huggingface/transformers');
    const inputs = tokenizer(texts.map(flatten), {
      padding: true,
      truncation: true,
      max_length: this.#profile.maxTokens,
    });
    const outputs = (await model(inputs)) as { last_hidden_state: Tensor };
    const hidden = outputs.last_hidden_state;
    const pooled =
      this.#profile.pooling === 'cls'
        ? hidden.slice(null, 0)
        : mean_pooling(hidden, inputs.attention_mask);
    return pooled.normalize(2, -1).tolist() as number[][];
  }
}

// As langchain's wrapper did (stripNewLines): line breaks carry no meaning for the model.
function flatten(text: string): string {
  return text.replace(/\n/g, ' ');
}

export async function createLocalEmbeddings(options: LocalEmbeddingsOptions): Promise<Embeddings> {
  return new LocalEmbeddings(options);
}
