import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatTurn } from './answer.js';
import { condenseSystemPrompt, condenseUserPrompt } from './answer-prompt.js';

// Follow-ups that point back ("and for part-time staff?", "can I carry them over?") or are
// only a few words long depend on earlier turns; other questions stand on their own.
const pointsBack =
  /^\s*(and|or|also|but|what about|how about)\b|\b(it|its|they|them|their|that|this|those|these|he|she|him|her|there)\b/i;

/**
 * Without a language model: a follow-up that points back or is only a few words long is
 * searched together with the previous question, which holds the context it refers to.
 */
export function condenseByRule(history: readonly ChatTurn[], question: string): string {
  const previous = [...history].reverse().find((turn) => turn.role === 'user')?.text;
  if (!previous) return question;
  const words = question.trim().split(/\s+/).length;
  return words <= 3 || pointsBack.test(question) ? `${previous} ${question}` : question;
}

/**
 * The follow-up as a standalone search query: by the model when there is one (falling back
 * to the rule if it fails: a search is still better than no answer), else by the rule.
 */
export async function condenseQuestion(
  chatModel: BaseChatModel | undefined,
  history: readonly ChatTurn[],
  question: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (history.length === 0) return question;
  if (!chatModel) return condenseByRule(history, question);
  try {
    const reply = await chatModel.invoke(
      [
        ['system', condenseSystemPrompt],
        ['user', condenseUserPrompt(history.slice(-6), question)],
      ],
      signal ? { signal } : {},
    );
    const query = typeof reply.content === 'string' ? reply.content.trim() : '';
    return query && query.length < 500 ? query : condenseByRule(history, question);
  } catch {
    return condenseByRule(history, question);
  }
}
