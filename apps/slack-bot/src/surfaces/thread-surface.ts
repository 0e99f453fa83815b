import { type ConversationSurface, type MessageStreamer, streamToMessage } from '@knowhow/rag-core';
import type { webApi } from '@slack/bolt';
import { answerMetadata } from '../answer-metadata.js';
import type { BotServices } from '../bot-services.js';
import { type BotIdentity, readHistory } from '../conversation-history.js';
import { progressText, renderAnswer } from '../render/answer-blocks.js';
import { slackReason, slackVocabulary } from '../slack-failures.js';
import { slackMessages } from '../slack-messages.js';

/** Where a mention or DM was asked: the answer goes to its thread (mentions) or beside it. */
export interface ThreadTarget {
  readonly kind: 'mention' | 'direct_message';
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
  readonly threadTs?: string;
}

const quiet = { unfurl_links: false, unfurl_media: false } as const;

/**
 * Slack threads and DMs: a placeholder at once, the answer streamed into it with throttled
 * updates, then the final blocks; the history is read back from Slack.
 */
export function threadSurface(
  target: ThreadTarget,
  client: webApi.WebClient,
  identity: BotIdentity,
  services: BotServices,
): ConversationSurface {
  const { config } = services;
  const threadTs = target.kind === 'mention' ? (target.threadTs ?? target.ts) : target.threadTs;
  const reply = { channel: target.channel, ...(threadTs ? { thread_ts: threadTs } : {}) };
  let placeholder: string | undefined;
  let streamer: MessageStreamer | undefined;
  const update = (message: { text: string; blocks: unknown[]; metadata?: object }) =>
    client.chat.update({
      channel: target.channel,
      ts: placeholder ?? '',
      ...message,
    } as webApi.ChatUpdateArguments);
  return {
    ...slackVocabulary,
    readHistory: () =>
      readHistory(client, {
        channel: target.channel,
        ts: target.ts,
        ...(threadTs ? { threadTs } : {}),
        isDirect: target.kind === 'direct_message',
        ...identity,
        limit: config.historyMessages,
      }),
    async refuse(refusal) {
      if (refusal.kind === 'rate_limited') {
        const text = slackMessages.rateLimited(refusal.retryAfterSeconds);
        await (target.kind === 'mention'
          ? client.chat.postEphemeral({ ...reply, user: target.user, text })
          : client.chat.postMessage({ ...reply, text }));
        return;
      }
      const text =
        refusal.kind === 'help'
          ? slackMessages.usage(config.command)
          : slackMessages.emptyMention(config.command);
      await client.chat.postMessage({ ...reply, text });
    },
    async acknowledge() {
      const posted = await client.chat.postMessage({
        ...reply,
        ...quiet,
        text: slackMessages.working,
      });
      placeholder = posted.ts;
      streamer = progressStreamer(target.channel, posted.ts ?? '', services);
    },
    write: (piece) => streamer?.push(piece),
    async deliver(answer, { feedback }) {
      await streamer?.finish();
      if (answer.status === 'failed' && answer.reason === 'cancelled') {
        await update({ text: slackMessages.stopping, blocks: [] });
        return [];
      }
      const [first, ...rest] = renderAnswer(answer, { feedback });
      if (first) await update({ ...first, metadata: answerMetadata(answer) });
      for (const message of rest) await client.chat.postMessage({ ...reply, ...quiet, ...message });
      return [];
    },
    async fail({ reason, reference }) {
      // A progress update still pending must not overwrite the message below.
      await streamer?.finish();
      const text = slackMessages.unexpected(reason, reference);
      await (placeholder
        ? update({ text, blocks: [] })
        : client.chat.postMessage({ ...reply, text }));
    },
  };
}

/** Streams into the placeholder within the bot-wide progress budget; a 429 pauses it. */
function progressStreamer(channel: string, ts: string, services: BotServices): MessageStreamer {
  const { client, budget } = services.progress;
  return streamToMessage(
    async (soFar) => {
      if (!budget.take()) return;
      await client.chat.update({ channel, ts, text: progressText(soFar) });
    },
    {
      intervalMs: services.config.streamIntervalMs,
      onError: (error) => {
        const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
        if (typeof retryAfter === 'number') budget.pause(retryAfter);
        services.logger.warn(
          { channel, reason: slackReason(error) },
          'slack.progress_update_failed',
        );
      },
    },
  );
}
