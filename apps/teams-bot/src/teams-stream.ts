import { type MessageStreamer, streamToMessage } from '@knowhow/rag-core';
import { toTeamsMarkdown } from './render/teams-markdown.js';
import type { ConversationSender, OutgoingActivity } from './teams-activity.js';

/** Teams' streaming protocol in a personal chat, started by its informative update. */
export interface TeamsStream {
  /** Adds generated text; shown as cumulative `streaming` updates. */
  readonly push: (piece: string) => void;
  /** The final message: it closes the stream (`streamType: final`), citations and all. */
  close(message: OutgoingActivity): OutgoingActivity;
  /** Stops updating; resolves once no update is in flight. */
  finish(): Promise<void>;
}

const streamInfo = (fields: Record<string, unknown>) => ({ type: 'streaminfo', ...fields });

/**
 * Sends the informative update (`streamSequence` 1) and keeps the `streamId` Teams answers
 * with; each update after it carries the text so far and the next sequence number.
 */
export async function startTeamsStream(
  sender: ConversationSender,
  informative: string,
  options: { readonly intervalMs: number; readonly onError: (error: unknown) => void },
): Promise<TeamsStream> {
  const streamId = await sender.send({
    type: 'typing',
    text: informative,
    entities: [streamInfo({ streamType: 'informative', streamSequence: 1 })],
  });
  if (!streamId) throw new Error('Teams returned no stream id for the informative update');
  let sequence = 1;
  const streamer: MessageStreamer = streamToMessage(
    async (soFar) => {
      sequence += 1;
      await sender.send({
        type: 'typing',
        // What the model wrote so far, as inert as the final message.
        text: toTeamsMarkdown(soFar),
        entities: [streamInfo({ streamId, streamType: 'streaming', streamSequence: sequence })],
      });
    },
    { intervalMs: options.intervalMs, firstDelayMs: 0, onError: options.onError },
  );
  return {
    push: (piece) => streamer.push(piece),
    finish: () => streamer.finish(),
    close: (message) => ({
      ...message,
      entities: [...(message.entities ?? []), streamInfo({ streamId, streamType: 'final' })],
    }),
  };
}
