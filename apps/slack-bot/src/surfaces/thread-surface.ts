import type { BotEvent } from '@knowhow/bot-host';
import { type ConversationSurface, type MessageStreamer, streamToMessage } from '@knowhow/rag-core';
import type { webApi } from '@slack/bolt';
import { answerMetadata } from '../answer-metadata.js';
import type { BotServices } from '../bot-services.js';
import { type BotIdentity, readHistory } from '../conversation-history.js';
import { closingBlocks, progressText, renderAnswer } from '../render/answer-blocks.js';
import { slackMessages } from '../slack-messages.js';
import { type NativeStream, startNativeStream } from './native-stream.js';

/** Where a mention or DM was asked: the answer goes to its thread (mentions) or beside it. */
export interface ThreadTarget {
  readonly kind: 'mention' | 'direct_message';
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
  readonly threadTs?: string;
}

type CourtesyFailure = Extract<BotEvent, { channel: string }>['type'];

// Links in a message's own `text` stay text: Slack would otherwise link bare addresses.
const quiet = { unfurl_links: false, unfurl_media: false, parse: 'none' } as const;

/**
 * Slack threads and DMs. In a thread the answer streams natively: a status while retrieving
 * (`assistant.threads.setStatus`), the text as it is written (`chat.startStream` …), the
 * sources and feedback buttons when it stops. Where Slack refuses that (or outside threads) a
 * placeholder is posted at once and updated as the answer is written. History is read back
 * from Slack.
 */
export function threadSurface(
  target: ThreadTarget,
  client: webApi.WebClient,
  identity: BotIdentity & { readonly teamId?: string },
  services: BotServices,
): ConversationSurface {
  const { config, log, retry } = services;
  const threadTs = target.kind === 'mention' ? (target.threadTs ?? target.ts) : target.threadTs;
  const reply = { channel: target.channel, ...(threadTs ? { thread_ts: threadTs } : {}) };
  const warn = (type: CourtesyFailure) => (error: unknown) =>
    log.warn({ type, channel: target.channel }, error);
  let placeholder: string | undefined;
  let updates: MessageStreamer | undefined;
  let native: NativeStream | undefined;
  const update = (message: { text: string; blocks: unknown[]; metadata?: object }) =>
    retry(() =>
      client.chat.update({
        channel: target.channel,
        ts: placeholder ?? '',
        parse: 'none',
        ...message,
      } as webApi.ChatUpdateArguments),
    );
  const post = (message: { text: string; blocks?: unknown[]; metadata?: object }) =>
    retry(() => client.chat.postMessage({ ...reply, ...quiet, ...message }));
  const postPlaceholder = async (text: string) => {
    const posted = await post({ text });
    placeholder = posted.ts;
    updates = progressUpdates(target.channel, posted.ts ?? '', services);
  };
  /** The native stream, if Slack shows one; a refused start moves what was written to updates. */
  const settle = async (): Promise<NativeStream | undefined> => {
    await updates?.finish();
    const stream = native;
    if (!stream) return undefined;
    const { streaming, refusal } = await stream.settle();
    if (streaming) return stream;
    native = undefined;
    if (refusal !== undefined) {
      warn('slack.stream_unavailable')(refusal);
      await postPlaceholder(progressText(stream.text));
    }
    return undefined;
  };
  return {
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
          ? retry(() => client.chat.postEphemeral({ ...reply, user: target.user, text }))
          : post({ text }));
        return;
      }
      const text =
        refusal.kind === 'help'
          ? slackMessages.usage(config.command)
          : slackMessages.emptyMention(config.command);
      await post({ text });
    },
    async acknowledge() {
      if (config.streaming && threadTs) {
        try {
          await client.assistant.threads.setStatus({
            channel_id: target.channel,
            thread_ts: threadTs,
            status: slackMessages.status,
            loading_messages: [...slackMessages.loadingMessages],
          });
          native = startNativeStream(
            client,
            {
              channel: target.channel,
              thread_ts: threadTs,
              recipient_user_id: target.user,
              ...(identity.teamId ? { recipient_team_id: identity.teamId } : {}),
            },
            { intervalMs: config.streamIntervalMs, onError: warn('slack.stream_append_failed') },
          );
          return;
        } catch (error) {
          warn('slack.status_unavailable')(error);
        }
      }
      await postPlaceholder(slackMessages.working);
    },
    write: (piece) => (native ?? updates)?.push(piece),
    async deliver(answer, { feedback }) {
      const stream = await settle();
      const cancelled = answer.status === 'failed' && answer.reason === 'cancelled';
      if (stream && answer.status !== 'failed') {
        const closing = {
          blocks: closingBlocks(answer, { feedback }),
          metadata: answerMetadata(answer),
        };
        await retry(() => stream.stop(answer.text, closing));
        return [];
      }
      if (stream) {
        const [failed] = renderAnswer(answer);
        await retry(() => stream.stop('', { blocks: cancelled ? [] : (failed?.blocks ?? []) }));
        if (cancelled) await post({ text: slackMessages.stopping });
        return [];
      }
      if (cancelled && placeholder) {
        await update({ text: slackMessages.stopping, blocks: [] });
        return [];
      }
      const [first, ...rest] = renderAnswer(answer, { feedback });
      const metadata = answerMetadata(answer);
      if (first && placeholder) await update({ ...first, metadata });
      else if (first) await post({ ...first, metadata });
      for (const message of rest) await post(message);
      return [];
    },
    async fail({ reason, reference }) {
      // A progress update still pending must not overwrite the message below.
      const stream = await settle().catch(() => undefined);
      const text = slackMessages.unexpected(reason, reference);
      if (stream) await stream.stop('', { blocks: [] }).catch(warn('slack.stream_stop_failed'));
      await (placeholder
        ? update({ text, blocks: [] })
        : client.chat.postMessage({ ...reply, text }));
    },
  };
}

/** Updates the placeholder within the bot-wide progress budget; a 429 pauses it. */
function progressUpdates(channel: string, ts: string, services: BotServices): MessageStreamer {
  const { client, budget } = services.progress;
  return streamToMessage(
    async (soFar) => {
      if (!budget.take()) return;
      await client.chat.update({ channel, ts, text: progressText(soFar), parse: 'none' });
    },
    {
      intervalMs: services.config.streamIntervalMs,
      firstDelayMs: 0,
      onError: (error) => {
        const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
        if (typeof retryAfter === 'number') budget.pause(retryAfter);
        services.log.warn({ type: 'slack.progress_update_failed', channel }, error);
      },
    },
  );
}
