import { fromDatabase } from '@knowhow/rag-core';
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotServices } from '../bot-services.js';
import { slackMessages } from '../slack-messages.js';

// Only the fields read, from an event we do not trust.
const threadStarted = z.object({
  assistant_thread: z.object({
    channel_id: z.string().min(1),
    thread_ts: z.string().min(1),
    context: z.object({ channel_id: z.string().optional() }).optional(),
  }),
});

/**
 * Slack's Assistant side pane: a new thread gets suggested prompts from the collections in
 * scope where the user opened it (or the DM's). Messages in the pane are DMs in a thread, so
 * the DM listener answers them.
 */
export function registerAssistantListeners(app: App, services: BotServices): void {
  app.event('assistant_thread_started', async ({ event, client }) => {
    const parsed = threadStarted.safeParse(event).data;
    if (!parsed) return;
    const thread = parsed.assistant_thread;
    try {
      const scope = thread.context?.channel_id ?? thread.channel_id;
      const collections = await fromDatabase(services.conversations.collectionsFor('slack', scope));
      await client.assistant.threads.setSuggestedPrompts({
        channel_id: thread.channel_id,
        thread_ts: thread.thread_ts,
        title: slackMessages.promptsTitle,
        prompts: slackMessages.suggestedPrompts(collections),
      });
    } catch (error) {
      services.log.warn({ type: 'slack.suggested_prompts_failed' }, error);
    }
  });
}
