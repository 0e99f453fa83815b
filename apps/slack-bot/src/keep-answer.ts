import { type Answer, recordAnswer } from '@knowhow/rag-core';
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
  try {
    return await recordAnswer(services.conversations, answer, {
      platform: 'slack',
      conversationId: asked.channel,
      userId: asked.user,
      question: asked.question,
    });
  } catch (error) {
    services.logger.warn({ answerId: answer.id, err: error }, 'slack.answer_not_saved');
    return false;
  }
}
