import { type ChatTurn, fromDatabase, newReference } from '@knowhow/rag-core';
import type { webApi } from '@slack/bolt';
import { answerMetadata } from './answer-metadata.js';
import type { BotServices } from './bot-services.js';
import { type HistoryRequest, readHistory } from './conversation-history.js';
import { failureReason } from './failure-reason.js';
import { keepAnswer } from './keep-answer.js';
import { type MessageStreamer, streamToMessage } from './message-streamer.js';
import { progressText, renderAnswer } from './render/answer-blocks.js';
import { fromSlackText } from './render/from-slack-text.js';
import { slackMessages } from './slack-messages.js';

/** A question from a channel mention or a direct message. */
export interface SlackQuestion {
  readonly kind: 'mention' | 'direct_message';
  readonly channel: string;
  readonly user: string;
  /** As Slack sent it: mentions and links in Slack syntax. */
  readonly text: string;
  readonly ts: string;
  readonly threadTs?: string;
}

export interface BotIdentity {
  readonly botUserId?: string;
  readonly botId?: string;
}

const quiet = { unfurl_links: false, unfurl_media: false } as const;

/**
 * Answers a mention in its thread, or a DM where it was written: once per message (across
 * retries, event types and bot processes), politely refused over the rate limit, with a
 * placeholder at once, the answer streamed into it, and a visible message with a reason if
 * anything fails.
 */
export async function answerQuestion(
  question: SlackQuestion,
  client: webApi.WebClient,
  identity: BotIdentity,
  services: BotServices,
): Promise<void> {
  const { config, logger } = services;
  const started = performance.now();
  const fields = {
    kind: question.kind,
    channel: question.channel,
    user: question.user,
    ts: question.ts,
  };
  const threadTs =
    question.kind === 'mention' ? (question.threadTs ?? question.ts) : question.threadTs;
  const reply = { channel: question.channel, ...(threadTs ? { thread_ts: threadTs } : {}) };
  let placeholder: string | undefined;
  let streamer: MessageStreamer | undefined;
  try {
    // The message, not the event, is the unit: a retry, a second process, or the same message
    // arriving as two event types all find it claimed.
    const claimed = await fromDatabase(
      services.conversations.claimEvent('slack', `${question.channel}:${question.ts}`),
    );
    if (!claimed) {
      logger.info(fields, 'slack.duplicate_event');
      return;
    }
    const text = fromSlackText(question.text, identity.botUserId);
    if (!text) {
      await client.chat.postMessage({ ...reply, text: slackMessages.emptyMention(config.command) });
      return;
    }
    const allowed = services.limiter.take(question.user);
    if (!allowed.allowed) {
      logger.info(fields, 'slack.rate_limited');
      const polite = slackMessages.rateLimited(allowed.retryAfterSeconds);
      await (question.kind === 'mention'
        ? client.chat.postEphemeral({ ...reply, user: question.user, text: polite })
        : client.chat.postMessage({ ...reply, text: polite }));
      return;
    }
    const posted = await client.chat.postMessage({
      ...reply,
      ...quiet,
      text: slackMessages.working,
    });
    const messageTs = posted.ts ?? '';
    placeholder = posted.ts;
    logger.info(
      { ...fields, progressMs: Math.round(performance.now() - started) },
      'slack.question',
    );
    const [history, collections] = await Promise.all([
      historyOrNone(
        client,
        {
          channel: question.channel,
          ts: question.ts,
          ...(threadTs ? { threadTs } : {}),
          isDirect: question.kind === 'direct_message',
          ...identity,
          limit: config.historyMessages,
        },
        services,
      ),
      fromDatabase(services.conversations.collectionsFor('slack', question.channel)),
    ]);
    streamer = progressStreamer(question.channel, messageTs, services);
    const answer = await services.ask({
      question: text,
      history,
      collections,
      asker: { id: question.user },
      onToken: (piece) => streamer?.push(piece),
      signal: services.inFlight.signal,
    });
    await streamer.finish();
    const feedback = await keepAnswer(
      answer,
      { channel: question.channel, user: question.user, question: text },
      services,
    );
    if (answer.status === 'failed' && answer.reason === 'cancelled') {
      await client.chat.update({
        channel: question.channel,
        ts: messageTs,
        text: slackMessages.stopping,
        blocks: [],
      });
    } else {
      const [first, ...rest] = renderAnswer(answer, { feedback });
      if (first) {
        await client.chat.update({
          channel: question.channel,
          ts: messageTs,
          ...first,
          metadata: answerMetadata(answer),
        });
      }
      for (const message of rest) await client.chat.postMessage({ ...reply, ...quiet, ...message });
    }
    logger.info(
      {
        ...fields,
        answerId: answer.id,
        status: answer.status,
        durationMs: Math.round(performance.now() - started),
      },
      'slack.answered',
    );
  } catch (error) {
    // A progress update still pending must not overwrite the message below.
    await streamer?.finish();
    const reference = newReference();
    const reason = failureReason(error);
    logger.error({ ...fields, reference, reason, err: error }, 'slack.answer_failed');
    const text = slackMessages.unexpected(reason, reference);
    try {
      await (placeholder
        ? client.chat.update({ channel: question.channel, ts: placeholder, text, blocks: [] })
        : client.chat.postMessage({ ...reply, text }));
    } catch (reportError) {
      logger.error({ ...fields, reference, err: reportError }, 'slack.failure_report_failed');
    }
  }
}

/** The earlier turns; without them (a missing scope, say) the question is answered alone. */
async function historyOrNone(
  client: webApi.WebClient,
  request: HistoryRequest,
  services: BotServices,
): Promise<ChatTurn[]> {
  try {
    return await readHistory(client, request);
  } catch (error) {
    services.logger.warn(
      { channel: request.channel, reason: failureReason(error) },
      'slack.history_unavailable',
    );
    return [];
  }
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
          { channel, reason: failureReason(error) },
          'slack.progress_update_failed',
        );
      },
    },
  );
}
