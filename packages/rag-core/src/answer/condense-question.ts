import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatTurn } from './answer.js';
import { condenseSystemPrompt, condenseUserPrompt, newBoundary } from './answer-prompt.js';

// A follow-up starts with a connecting word ("and for part-time staff?") or is short and
// points back ("how much is it for internet?"). Other questions stand on their own, pronouns
// or not, and so do short inputs ("vacation", "???"): a new topic typed as a keyword is more
// common than an elliptical follow-up, and merging it with the last question searches for
// neither. `shortInputs: true` counts inputs of three words or fewer as follow-ups again.
const connects = /^\s*(and|or|also|but|so|what about|how about)\b/i;
const pointsBack = /\b(it|its|they|them|their|that|this|those|these|there)\b/i;

export interface FollowUpRule {
  readonly shortInputs?: boolean;
}

export function isFollowUp(question: string, rule: FollowUpRule = {}): boolean {
  const words = question.trim().split(/\s+/).length;
  return (
    connects.test(question) ||
    (rule.shortInputs === true && words <= 3) ||
    (words <= 8 && pointsBack.test(question))
  );
}

/** The last question asked before this one; none for the first question of a conversation. */
function previousQuestion(history: readonly ChatTurn[]): ChatTurn | undefined {
  return [...history].reverse().find((turn) => turn.role === 'user');
}

/**
 * Without a language model: a follow-up is searched together with the previous question, or
 * with what that question was searched as, so chains of follow-ups keep their context.
 */
export function condenseByRule(
  history: readonly ChatTurn[],
  question: string,
  rule: FollowUpRule = {},
): string {
  const previous = previousQuestion(history);
  if (!previous || !isFollowUp(question, rule)) return question;
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
  rule: FollowUpRule = {},
): Promise<string> {
  // The first question is never merged; nor, by default, a short input (see isFollowUp).
  const words = question.trim().split(/\s+/).length;
  if (!previousQuestion(history)) return question;
  if (words <= 3 && !isFollowUp(question, rule)) return question;
  if (!chatModel) return condenseByRule(history, question, rule);
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
    return query && query.length < 500 ? query : condenseByRule(history, question, rule);
  } catch {
    return condenseByRule(history, question, rule);
  }
}
