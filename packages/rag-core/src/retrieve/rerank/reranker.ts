/**
 * A second opinion on the fused order: given the question and the candidates' texts, the
 * candidates' indices from most to least relevant. Indices it leaves out keep their fused order
 * after the ones it names.
 */
export interface Reranker {
  /** For logs, e.g. `cohere:rerank-v3.5`. */
  readonly name: string;
  rerank(
    query: string,
    documents: readonly string[],
    options: { readonly signal: AbortSignal },
  ): Promise<number[]>;
}

export type RerankerProvider = 'llm' | 'local' | 'cohere' | 'jina' | 'voyage' | 'tei';
