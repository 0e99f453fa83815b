import type { webApi } from '@slack/bolt';
import { answerMetadata } from './answer-metadata.js';
import type { BotServices } from './bot-services.js';
import { readHistory } from './conversation-history.js';
import { failureReason, fromDatabase, newReference } from './failure-reason.js';
import { keepAnswer } from './keep-answer.js';
import { streamToMessage } from './message-streamer.js';
import { progressText, renderAnswer } from './render/answer-blocks.js';
import { fromSlackText } from './render/from-slack-text.js';
import { slackMessages } from './slack-messages.js';

/** A question from a channel mention or a direct message. */
export interface SlackQuestion {
  readonly kind: 'mention' | 'direct_message';
  readonly eventId: string;
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
 * Answers a mention in its thread, or a DM where it was written: once per event (across bot
 * processes), politely refused over the rate limit, with a placeholder at once, the answer
 * streamed into it, and a visible message with a reason if anything fails.
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
    eventId: question.eventId,
  };
  const threadTs =
    question.kind === 'mention' ? (question.threadTs ?? question.ts) : question.threadTs;
  const reply = { channel: question.channel, ...(threadTs ? { thread_ts: threadTs } : {}) };
  let placeholder: string | undefined;
  try {
    if (!(await fromDatabase(services.conversations.claimEvent('slack', question.eventId)))) {
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
      readHistory(client, {
        channel: question.channel,
        ts: question.ts,
        ...(threadTs ? { threadTs } : {}),
        isDirect: question.kind === 'direct_message',
        ...identity,
        limit: config.historyMessages,
      }),
      fromDatabase(services.conversations.collectionsFor('slack', question.channel)),
    ]);
    const streamer = streamToMessage(
      (soFar) =>
        client.chat.update({ channel: question.channel, ts: messageTs, text: progressText(soFar) }),
      {
        intervalMs: config.streamIntervalMs,
        onError: (error) =>
          logger.warn({ ...fields, reason: failureReason(error) }, 'slack.stream_update_failed'),
      },
    );
    const answer = await services.ask({
      question: text,
      history,
      collections,
      asker: { id: question.user },
      onToken: (piece) => streamer.push(piece),
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
      for (const message of rest) {
        await client.chat.postMessage({
          ...reply,
          thread_ts: threadTs ?? messageTs,
          ...quiet,
          ...message,
        });
      }
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
