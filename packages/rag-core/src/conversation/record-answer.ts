import type { Answer } from '../answer/answer.js';
import type { ConversationStore, Platform } from './conversation-store.js';

/** Where and by whom an answer was asked. */
export interface AskedIn {
  readonly platform: Platform;
  readonly conversationId: string;
  readonly userId: string;
  readonly question: string;
}

/**
 * Keeps an answer for feedback and sharing. Failed answers are not kept (there is nothing to
 * rate); resolves with whether it was.
 */
export async function recordAnswer(
  store: Pick<ConversationStore, 'saveAnswer'>,
  answer: Answer,
  asked: AskedIn,
): Promise<boolean> {
  if (answer.status === 'failed') return false;
  await store.saveAnswer({
    id: answer.id,
    ...asked,
    status: answer.status,
    text: answer.text,
    citations: answer.citations,
  });
  return true;
}
