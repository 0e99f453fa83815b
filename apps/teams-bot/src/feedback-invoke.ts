import { fromDatabase, newReference } from '@knowhow/rag-core';
import { failureReason } from './failure-reason.js';
import type { TeamsTurn } from './teams-activity.js';
import { teamsMessages } from './teams-messages.js';
import type { TeamsServices } from './teams-services.js';

interface FeedbackValue {
  readonly actionName?: string;
  readonly actionValue?: { readonly reaction?: string; readonly feedback?: string };
}

/** The free text of Teams' default feedback form: `{"feedbackText": "…"}` as a string. */
function feedbackText(feedback: string | undefined): string | undefined {
  if (!feedback) return undefined;
  try {
    const parsed = JSON.parse(feedback) as { feedbackText?: unknown };
    return typeof parsed.feedbackText === 'string' && parsed.feedbackText.trim()
      ? parsed.feedbackText.trim()
      : undefined;
  } catch {
    return feedback.trim() || undefined;
  }
}

/**
 * Teams' feedback loop (`message/submitAction`): 👍/👎 and an optional comment on one of our
 * messages, stored with the answer that message carries. Teams shows its own thanks once the
 * invoke is answered 200.
 */
export async function saveFeedback(turn: TeamsTurn, services: TeamsServices): Promise<void> {
  const { activity } = turn;
  const value = (activity.value ?? {}) as FeedbackValue;
  const reaction = value.actionValue?.reaction;
  if (
    value.actionName !== 'feedback' ||
    (reaction !== 'like' && reaction !== 'dislike') ||
    !activity.replyToId
  ) {
    await turn.respondToInvoke(400);
    return;
  }
  const user = activity.from.aadObjectId ?? activity.from.id;
  const verdict = reaction === 'like' ? 'up' : 'down';
  try {
    const answerId = await fromDatabase(
      services.conversations.answerIdForMessage(
        'teams',
        activity.conversation.id,
        activity.replyToId,
      ),
    );
    const comment = feedbackText(value.actionValue?.feedback);
    const saved = answerId
      ? await fromDatabase(
          services.conversations.saveFeedback({
            answerId,
            platform: 'teams',
            userId: user,
            verdict,
            ...(comment ? { comment } : {}),
          }),
        )
      : false;
    services.logger.info(
      { answerId, user, verdict, saved, comment: comment !== undefined },
      'teams.feedback',
    );
    await turn.respondToInvoke(200, {});
  } catch (error) {
    const reference = newReference();
    const reason = failureReason(error);
    services.logger.error({ user, reference, reason, err: error }, 'teams.feedback_failed');
    await turn.respondToInvoke(200, {});
    await turn.reply.send({
      type: 'message',
      text: teamsMessages.feedbackFailed(reason, reference),
    });
  }
}
