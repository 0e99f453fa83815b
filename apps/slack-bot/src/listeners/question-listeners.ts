import type { App } from '@slack/bolt';
import { answerQuestion, type SlackQuestion } from '../answer-question.js';
import type { BotServices } from '../bot-services.js';

/**
 * Mentions in channels and messages in DMs become questions. Bots (Knowhow included), edits,
 * deletions and other message subtypes are ignored; Bolt has acknowledged the event already.
 */
export function registerQuestionListeners(app: App, services: BotServices): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    // In a DM the message event answers it; a mention there would be a second answer.
    if (event.bot_id || event.subtype || !event.user || event.channel.startsWith('D')) return;
    const question: SlackQuestion = {
      kind: 'mention',
      eventId: body.event_id,
      channel: event.channel,
      user: event.user,
      text: event.text,
      ts: event.ts,
      ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
    };
    await services.inFlight.track(answerQuestion(question, client, context, services));
  });

  app.event('message', async ({ event, body, client, context }) => {
    if (event.channel_type !== 'im') return;
    if (event.subtype !== undefined && event.subtype !== 'file_share') return;
    if (('bot_id' in event && event.bot_id) || !event.user || !event.text) return;
    const question: SlackQuestion = {
      kind: 'direct_message',
      eventId: body.event_id,
      channel: event.channel,
      user: event.user,
      text: event.text,
      ts: event.ts,
      ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
    };
    await services.inFlight.track(answerQuestion(question, client, context, services));
  });
}
