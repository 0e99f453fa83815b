import type { App } from '@slack/bolt';
import { answerQuestion, type SlackQuestion } from '../answer-question.js';
import type { BotServices } from '../bot-services.js';

// A reply also sent to the channel, or a message with a file, is still a question.
const questionSubtypes = new Set([undefined, 'thread_broadcast', 'file_share']);

/**
 * Mentions in channels and messages in DMs become questions. Bots (Knowhow included), edits,
 * deletions and other message subtypes are ignored; Bolt has acknowledged the event already.
 */
export function registerQuestionListeners(app: App, services: BotServices): void {
  app.event('app_mention', async ({ event, client, context }) => {
    // Slack sends app_mention again when the message is edited: that is not a new question.
    if (event.bot_id || !questionSubtypes.has(event.subtype) || event.edited || !event.user) return;
    // In a DM the message event answers it.
    if (event.channel.startsWith('D')) return;
    const question: SlackQuestion = {
      kind: 'mention',
      channel: event.channel,
      user: event.user,
      text: event.text,
      ts: event.ts,
      ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
    };
    await answerQuestion(question, client, context, services);
  });

  app.event('message', async ({ event, client, context }) => {
    if (!questionSubtypes.has(event.subtype)) return;
    if (event.channel_type !== 'im' && event.channel_type !== 'mpim') return;
    if (('bot_id' in event && event.bot_id) || !('user' in event) || !event.user) return;
    if (!('text' in event) || !event.text || ('edited' in event && event.edited)) return;
    // In a group DM only messages that mention Knowhow are questions (Slack may not send
    // app_mention there; if it does, the claimed message id keeps it to one answer).
    const mentioned =
      context.botUserId !== undefined && event.text.includes(`<@${context.botUserId}`);
    if (event.channel_type === 'mpim' && !mentioned) return;
    const question: SlackQuestion = {
      kind: event.channel_type === 'im' ? 'direct_message' : 'mention',
      channel: event.channel,
      user: event.user,
      text: event.text,
      ts: event.ts,
      ...('thread_ts' in event && event.thread_ts ? { threadTs: event.thread_ts } : {}),
    };
    await answerQuestion(question, client, context, services);
  });
}
