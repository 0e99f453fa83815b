import { type ChatTurn, fromDatabase, newReference, recordAnswer } from '@knowhow/rag-core';
import { failureReason } from './failure-reason.js';
import { renderAnswer } from './render/answer-activities.js';
import type { ConversationSender, OutgoingActivity } from './teams-activity.js';
import { teamsMessages } from './teams-messages.js';
import type { TeamsServices } from './teams-services.js';

/** A question asked in a Teams conversation. */
export interface TeamsQuestion {
  /** Where the answer goes; in a channel, the thread. */
  readonly conversationId: string;
  /** What `knowhow channel set` names: the channel (without the thread) or the chat. */
  readonly scopeId: string;
  readonly conversationType: string;
  readonly user: string;
  readonly text: string;
  readonly activityId?: string;
}

// Teams shows "typing…" for about three seconds; it is renewed until the answer is sent.
const typingEveryMs = 2500;
// A chat is one long conversation: an hour of it is context. A channel thread is its own.
const chatHistoryMs = 60 * 60 * 1000;

/**
 * Answers a question into its conversation: typing while working, earlier turns from the
 * stored history, the conversation's collections, then the answer (split if long) with
 * citations and feedback buttons. Any failure is told in the conversation, with a reason.
 */
export async function answerInConversation(
  question: TeamsQuestion,
  sender: ConversationSender,
  services: TeamsServices,
): Promise<void> {
  const { logger } = services;
  const started = performance.now();
  const fields = {
    conversation: question.scopeId,
    user: question.user,
    activityId: question.activityId,
  };
  // Teams shows no typing indicator in channels: there it would only use up the send quota.
  const typing =
    question.conversationType === 'channel'
      ? undefined
      : setInterval(() => {
          sender
            .send({ type: 'typing' })
            .catch((error: unknown) =>
              logger.debug({ ...fields, reason: failureReason(error) }, 'teams.typing_failed'),
            );
        }, typingEveryMs);
  try {
    const [history, collections] = await Promise.all([
      historyOrNone(question, services),
      fromDatabase(services.conversations.collectionsFor('teams', question.scopeId)),
    ]);
    const answer = await services.ask({
      question: question.text,
      history,
      collections,
      asker: { id: question.user },
      signal: services.inFlight.signal,
    });
    clearInterval(typing);
    const onRecord = await recordAnswer(services.conversations, answer, {
      platform: 'teams',
      conversationId: question.conversationId,
      userId: question.user,
      question: question.text,
    }).catch((error: unknown) => {
      logger.warn({ ...fields, answerId: answer.id, err: error }, 'teams.answer_not_saved');
      return false;
    });
    const parts: OutgoingActivity[] =
      answer.status === 'failed' && answer.reason === 'cancelled'
        ? [{ type: 'message', text: teamsMessages.stopping }]
        : renderAnswer(answer, { feedback: onRecord });
    for (const part of parts) {
      const messageId = await sender.send(part);
      if (onRecord && messageId) {
        await services.conversations
          .linkMessage('teams', question.scopeId, messageId, answer.id)
          .catch((error: unknown) => logger.warn({ ...fields, err: error }, 'teams.link_failed'));
      }
    }
    if (answer.status !== 'failed') await remember(question, answer.query, answer.text, services);
    logger.info(
      {
        ...fields,
        answerId: answer.id,
        status: answer.status,
        parts: parts.length,
        durationMs: Math.round(performance.now() - started),
      },
      'teams.answered',
    );
  } catch (error) {
    clearInterval(typing);
    const reference = newReference();
    const reason = failureReason(error);
    logger.error({ ...fields, reference, reason, err: error }, 'teams.answer_failed');
    await sender
      .send({ type: 'message', text: teamsMessages.unexpected(reason, reference) })
      .catch((reportError: unknown) =>
        logger.error({ ...fields, reference, err: reportError }, 'teams.failure_report_failed'),
      );
  }
}

/** The earlier turns; without them (the database hiccupped) the question is answered alone. */
async function historyOrNone(
  question: TeamsQuestion,
  services: TeamsServices,
): Promise<ChatTurn[]> {
  if (services.config.historyTurns === 0) return [];
  const since =
    question.conversationType === 'channel' ? undefined : new Date(Date.now() - chatHistoryMs);
  try {
    return await services.conversations.recentTurns(
      'teams',
      question.conversationId,
      services.config.historyTurns,
      since,
    );
  } catch (error) {
    services.logger.warn(
      { conversation: question.scopeId, err: error },
      'teams.history_unavailable',
    );
    return [];
  }
}

async function remember(
  question: TeamsQuestion,
  query: string,
  answer: string,
  services: TeamsServices,
): Promise<void> {
  if (services.config.historyTurns === 0) return;
  try {
    await services.conversations.appendTurns(
      'teams',
      question.conversationId,
      [
        { role: 'user', text: question.text, query },
        { role: 'assistant', text: answer },
      ],
      services.config.historyTurns,
    );
  } catch (error) {
    services.logger.warn({ conversation: question.scopeId, err: error }, 'teams.history_not_saved');
  }
}
