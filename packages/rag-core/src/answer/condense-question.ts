import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatTurn } from './answer.js';
import { condenseSystemPrompt, condenseUserPrompt, newBoundary } from './answer-prompt.js';

// A follow-up starts with a connecting word ("and for part-time staff?"), is only a few words
// long, or is short and points back ("how much is it for internet?"). Other questions stand
// on their own, pronouns or not.
const connects = /^\s*(and|or|also|but|so|what about|how about)\b/i;
const pointsBack = /\b(it|its|they|them|their|that|this|those|these|there)\b/i;

export function isFollowUp(question: string): boolean {
  const words = question.trim().split(/\s+/).length;
  return connects.test(question) || words <= 3 || (words <= 8 && pointsBack.test(question));
}

/**
 * Without a language model: a follow-up is searched together with the previous question, or
 * with what that question was searched as, so chains of follow-ups keep their context.
 */
export function condenseByRule(history: readonly ChatTurn[], question: string): string {
  const previous = [...history].reverse().find((turn) => turn.role === 'user');
  if (!previous || !isFollowUp(question)) return question;
  return `${previous.query ?? previous.text} ${question}`;
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
  const boundary = newBoundary();
  try {
    const reply = await chatModel.invoke(
      [
        ['system', condenseSystemPrompt(boundary)],
        ['user', condenseUserPrompt(history, question, boundary)],
      ],
      signal ? { signal } : {},
    );
    const query = typeof reply.content === 'string' ? reply.content.trim() : '';
    return query && query.length < 500 ? query : condenseByRule(history, question);
  } catch {
    return condenseByRule(history, question);
  }
}
