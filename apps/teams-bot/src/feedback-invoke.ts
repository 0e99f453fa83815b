import { z } from 'zod';
import { scopeIdOf } from './scope-id.js';
import type { TeamsTurn } from './teams-activity.js';
import { teamsMessages } from './teams-messages.js';
import type { TeamsServices } from './teams-services.js';

/** The free text of Teams' feedback form: `{"feedbackText": "…"}`, as a string or an object. */
function feedbackText(feedback: unknown): string | undefined {
  let value = feedback;
  if (typeof feedback === 'string') {
    try {
      value = JSON.parse(feedback) as unknown;
    } catch {
      return feedback.trim() || undefined;
    }
  }
  const text = (value as { feedbackText?: unknown } | null)?.feedbackText;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

// Teams' feedback form, from a request we do not trust: only the fields read.
const feedbackValue = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z
      .enum(['like', 'dislike'])
      .transform((reaction) => (reaction === 'like' ? 'up' : 'down')),
    feedback: z.unknown().optional().transform(feedbackText),
  }),
});

/**
 * Teams' feedback loop (`message/submitAction`): 👍/👎 and an optional comment on one of our
 * messages, stored with the answer that message carries. Teams shows its own thanks once the
 * invoke is answered 200; a failure to store is told in the conversation after that.
 */
export async function saveFeedback(turn: TeamsTurn, services: TeamsServices): Promise<void> {
  const { activity } = turn;
  const value = feedbackValue.safeParse(activity.value).data;
  if (!value || !activity.replyToId) {
    await turn.respondToInvoke(400);
    return;
  }
  const { reaction: verdict, feedback: comment } = value.actionValue;
  const user = activity.from.aadObjectId ?? activity.from.id;
  try {
    const feedback = { userId: user, verdict, ...(comment ? { comment } : {}) } as const;
    // Linked under the channel (or chat): an invoke may name the thread or not.
    const scopeId = scopeIdOf(activity.conversation.id);
    await services.saveFeedback({ ...feedback, scopeId, messageId: activity.replyToId });
    await turn.respondToInvoke(200, {});
  } catch (error) {
    await turn.respondToInvoke(200, {});
    // Told after the invoke is answered: Teams gives it only a few seconds.
    void services.inFlight.track(
      services.reportFailure({ type: 'teams.feedback_failed', user }, error, (reason, reference) =>
        turn.continueLater((sender) =>
          sender.send({ type: 'message', text: teamsMessages.feedbackFailed(reason, reference) }),
        ),
      ),
    );
  }
}
