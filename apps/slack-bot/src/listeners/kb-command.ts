import type { App } from '@slack/bolt';
import type { BotServices } from '../bot-services.js';
import { fromSlackText } from '../render/from-slack-text.js';
import { commandSurface } from '../surfaces/command-surface.js';

/**
 * `/kb <question>`: the answer only the asker sees, with a button to share it; `/kb` alone or
 * `/kb help` explains. A replayed request (the same trigger) is answered once, like events.
 */
export function registerKbCommand(app: App, services: BotServices): void {
  app.command(services.config.command, async ({ command, ack, respond }) => {
    const question = fromSlackText(command.text);
    await services.answerQuestion(
      {
        platform: 'slack',
        kind: 'command',
        eventId: `command:${command.trigger_id}`,
        conversationId: command.channel_id,
        scopeId: command.channel_id,
        user: command.user_id,
        text: question,
      },
      commandSurface(command, ack, respond, question),
    );
  });
}
