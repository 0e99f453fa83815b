import type { BotEvent } from '@knowhow/bot-host';
import type { ConversationSurface } from '@knowhow/rag-core';
import { renderAnswer } from './render/answer-activities.js';
import type { ConversationSender, OutgoingActivity } from './teams-activity.js';
import { teamsMessages } from './teams-messages.js';
import type { TeamsServices } from './teams-services.js';
import { startTeamsStream, type TeamsStream } from './teams-stream.js';

type Courtesy = Extract<BotEvent, { conversation: string; user: string }>;

/** Where a question was asked in Teams. */
export interface TeamsTarget {
  readonly conversationType: string;
  readonly scopeId: string;
  readonly fields: Omit<Courtesy, 'type'>;
}

// Teams shows "typing…" for about three seconds; it is renewed until the answer is sent.
const typingEveryMs = 2500;

/**
 * Teams conversations. Personal chats stream (informative update, the text as it is written,
 * then the final message with citations, AI label and feedback); group chats show typing and
 * get one final message; channels, where Teams shows neither, get the final message alone.
 * Teams' history cannot be read back: the lifecycle keeps the turns.
 */
export function teamsSurface(
  target: TeamsTarget,
  sender: ConversationSender,
  services: TeamsServices,
): ConversationSurface {
  let typing: NodeJS.Timeout | undefined;
  let stream: TeamsStream | undefined;
  const courtesy = (type: Courtesy['type']) => (error: unknown) =>
    services.log.debug({ type, ...target.fields }, error);
  const sendTyping = () =>
    void sender.send({ type: 'typing' }).catch(courtesy('teams.typing_failed'));
  const stop = async () => {
    clearInterval(typing);
    await stream?.finish();
  };
  const message = (text: string, markdown = false): OutgoingActivity => ({
    type: 'message',
    ...(markdown ? { textFormat: 'markdown' } : {}),
    text,
  });
  const send = (activities: readonly OutgoingActivity[]) =>
    sendAll((activity) => services.retry(() => sender.send(activity)), activities, stream);
  return {
    async refuse(refusal) {
      if (refusal.kind === 'help') await send([message(teamsMessages.help(target.scopeId), true)]);
      else if (refusal.kind === 'empty') await send([message(teamsMessages.emptyQuestion)]);
      else await send([message(teamsMessages.rateLimited(refusal.retryAfterSeconds))]);
    },
    async acknowledge() {
      if (target.conversationType === 'personal' && services.config.streaming) {
        try {
          stream = await startTeamsStream(sender, teamsMessages.working, {
            intervalMs: services.config.streamIntervalMs,
            onError: courtesy('teams.stream_update_failed'),
          });
          return;
        } catch (error) {
          // Streaming is a courtesy too: without it the answer comes as one message.
          courtesy('teams.stream_unavailable')(error);
        }
      }
      if (target.conversationType === 'channel') return;
      sendTyping();
      typing = setInterval(sendTyping, typingEveryMs);
    },
    write: (piece) => stream?.push(piece),
    async deliver(answer, { feedback }) {
      await stop();
      const parts =
        answer.status === 'failed' && answer.reason === 'cancelled'
          ? [message(teamsMessages.stopping)]
          : renderAnswer(answer, { feedback });
      return send(parts);
    },
    async fail({ reason, reference }) {
      await stop();
      await send([message(teamsMessages.unexpected(reason, reference))]);
    },
  };
}

/** Sends in order; the first message closes the stream, if one is open. */
async function sendAll(
  send: ConversationSender['send'],
  activities: readonly OutgoingActivity[],
  stream: TeamsStream | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, activity] of activities.entries()) {
    const id = await send(index === 0 && stream ? stream.close(activity) : activity);
    if (id) ids.push(id);
  }
  return ids;
}
