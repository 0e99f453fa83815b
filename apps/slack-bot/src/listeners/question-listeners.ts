import type { App } from '@slack/bolt';
import type { BotServices } from '../bot-services.js';
import type { BotIdentity } from '../conversation-history.js';
import { fromSlackText } from '../render/from-slack-text.js';
import { type ThreadTarget, threadSurface } from '../surfaces/thread-surface.js';

// A reply also sent to the channel, or a message with a file, is still a question.
const questionSubtypes = new Set([undefined, 'thread_broadcast', 'file_share']);

/**
 * Mentions in channels and messages in DMs become questions. Bots (Knowhow included), edits,
 * deletions and other message subtypes are ignored; Bolt has acknowledged the event already.
 */
export function registerQuestionListeners(app: App, services: BotServices): void {
  const ask = (target: ThreadTarget, text: string, client: App['client'], identity: BotIdentity) =>
    services.answerQuestion(
      {
        platform: 'slack',
        kind: target.kind,
        // The message, not the event, is the unit: a retry, a second process, or the same
        // message arriving as two event types all find it claimed.
        eventId: `${target.channel}:${target.ts}`,
        conversationId: `${target.channel}:${target.threadTs ?? target.ts}`,
        scopeId: target.channel,
        user: target.user,
        text: fromSlackText(text, identity.botUserId),
      },
      threadSurface(target, client, identity, services),
    );

  app.event('app_mention', async ({ event, client, context }) => {
    // Slack sends app_mention again when the message is edited: that is not a new question.
    if (event.bot_id || !questionSubtypes.has(event.subtype) || event.edited || !event.user) return;
    // In a DM the message event answers it.
    if (event.channel.startsWith('D')) return;
    const target: ThreadTarget = {
      kind: 'mention',
      channel: event.channel,
      user: event.user,
      ts: event.ts,
      ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
    };
    await ask(target, event.text, client, context);
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
    const target: ThreadTarget = {
      kind: event.channel_type === 'im' ? 'direct_message' : 'mention',
      channel: event.channel,
      user: event.user,
      ts: event.ts,
      ...('thread_ts' in event && event.thread_ts ? { threadTs: event.thread_ts } : {}),
    };
    await ask(target, event.text, client, context);
  });
}
