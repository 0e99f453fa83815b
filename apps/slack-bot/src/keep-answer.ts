import type { Answer } from '@knowhow/rag-core';
import type { BotServices } from './bot-services.js';

/**
 * Records an answer for feedback and sharing. True when it is on record; a failed save costs
 * the buttons, never the answer.
 */
export async function keepAnswer(
  answer: Answer,
  asked: { readonly channel: string; readonly user: string; readonly question: string },
  services: Pick<BotServices, 'conversations' | 'logger'>,
): Promise<boolean> {
  if (answer.status === 'failed') return false;
  try {
    await services.conversations.saveAnswer({
      id: answer.id,
      platform: 'slack',
      conversationId: asked.channel,
      userId: asked.user,
      question: asked.question,
      status: answer.status,
      text: answer.text,
      citations: answer.citations,
    });
    return true;
  } catch (error) {
    services.logger.warn({ answerId: answer.id, err: error }, 'slack.answer_not_saved');
    return false;
  }
}
