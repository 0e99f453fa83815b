import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { hypotheticalPassagePrompt, multiQueryPrompt, parseQueries } from './rewrite-prompts.js';

/** `multi`: alternative queries; `hyde`: a hypothetical answer passage, searched by vector. */
export type QueryRewriteMode = 'multi' | 'hyde';

export interface QueryRewriter {
  readonly mode: QueryRewriteMode;
  /** Texts to search besides the question; empty when the model offered none. */
  rewrite(question: string, options: { readonly signal: AbortSignal }): Promise<string[]>;
}

export interface QueryRewriterOptions {
  /** multi: at most this many alternative queries. */
  readonly queries?: number;
  /** hyde: the passage's length asked for, in words. */
  readonly passageWords?: number;
}

/**
 * The chat model as a query rewriter. Tokens are bounded by the short prompt and the model's
 * own max_tokens (open-runtime creates it with a small one), time by the caller's signal.
 */
export function createQueryRewriter(
  chatModel: BaseChatModel,
  mode: QueryRewriteMode,
  options: QueryRewriterOptions = {},
): QueryRewriter {
  const { queries = 3, passageWords = 80 } = options;
  return {
    mode,
    async rewrite(question, { signal }) {
      const messages =
        mode === 'multi'
          ? multiQueryPrompt(question, queries)
          : hypotheticalPassagePrompt(question, passageWords);
      const reply = await chatModel.invoke(messages, { signal });
      const text = typeof reply.content === 'string' ? reply.content.trim() : '';
      if (mode === 'multi') return parseQueries(text, question, { count: queries });
      // The question leads, so the vector keeps what was asked when the passage drifts; a
      // runaway reply is cut (about 2.5 times the words asked for).
      const passage = text.slice(0, passageWords * 15);
      return passage ? [`${question}\n${passage}`] : [];
    },
  };
}
