import { fromDatabase, newReference } from '@knowhow/rag-core';
import { answerInConversation, type TeamsQuestion } from './answer-in-conversation.js';
import { failureReason } from './failure-reason.js';
import { saveFeedback } from './feedback-invoke.js';
import { fromTeamsText } from './render/from-teams-text.js';
import { scopeIdOf } from './scope-id.js';
import type { TeamsTurn } from './teams-activity.js';
import { teamsMessages } from './teams-messages.js';
import type { TeamsServices } from './teams-services.js';

/** Messages are questions, the bot being added gets a welcome, feedback is stored. */
export async function handleTurn(turn: TeamsTurn, services: TeamsServices): Promise<void> {
  if (!fromAllowedTenant(turn, services)) {
    if (turn.activity.type === 'invoke') return turn.respondToInvoke(403);
    if (turn.activity.type === 'message') {
      await turn.reply.send({ type: 'message', text: teamsMessages.otherOrganisation });
    }
    return;
  }
  switch (turn.activity.type) {
    case 'message':
      return onMessage(turn, services);
    case 'conversationUpdate':
      return onConversationUpdate(turn, services);
    case 'invoke':
      return turn.activity.name === 'message/submitAction'
        ? saveFeedback(turn, services)
        : turn.respondToInvoke(501);
    default:
      // Typing, reactions, installation updates and the rest need nothing.
      return;
  }
}

/**
 * A Bot Framework token proves the activity is for this bot, not which organisation sent it:
 * anyone can put the bot's id in an app of their own. Only the configured tenants get answers.
 */
function fromAllowedTenant(turn: TeamsTurn, services: TeamsServices): boolean {
  const allowed = services.config.allowedTenants;
  if (allowed.length === 0) return true;
  const { activity } = turn;
  const tenant = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  if (tenant && allowed.includes(tenant)) return true;
  services.logger.warn({ tenant, type: activity.type }, 'teams.tenant_refused');
  return false;
}

async function onMessage(turn: TeamsTurn, services: TeamsServices): Promise<void> {
  const { activity } = turn;
  const conversationId = activity.conversation.id;
  const fields = {
    conversation: scopeIdOf(conversationId),
    user: activity.from.aadObjectId ?? activity.from.id,
    activityId: activity.id,
  };
  // Bot Framework redelivers a message it got no answer to in time: answer it once.
  if (
    activity.id &&
    !(await fromDatabase(
      services.conversations.claimEvent('teams', `${conversationId}:${activity.id}`),
    ))
  ) {
    services.logger.info(fields, 'teams.duplicate_activity');
    return;
  }
  const text = fromTeamsText(activity.text ?? '');
  if (!text) {
    await turn.reply.send({ type: 'message', text: teamsMessages.emptyQuestion });
    return;
  }
  if (/^(help|\?)$/i.test(text)) {
    await turn.reply.send({
      type: 'message',
      textFormat: 'markdown',
      text: teamsMessages.help(scopeIdOf(conversationId)),
    });
    return;
  }
  const allowed = services.limiter.take(fields.user);
  if (!allowed.allowed) {
    services.logger.info(fields, 'teams.rate_limited');
    await turn.reply.send({
      type: 'message',
      text: teamsMessages.rateLimited(allowed.retryAfterSeconds),
    });
    return;
  }
  const conversationType = activity.conversation.conversationType ?? 'personal';
  // Teams shows no typing indicator in channels. Elsewhere it is a courtesy: never fatal.
  if (conversationType !== 'channel') {
    await turn.reply
      .send({ type: 'typing' })
      .catch((error: unknown) =>
        services.logger.debug({ ...fields, reason: failureReason(error) }, 'teams.typing_failed'),
      );
  }
  services.logger.info(fields, 'teams.question');
  const question: TeamsQuestion = {
    conversationId,
    scopeId: scopeIdOf(conversationId),
    conversationType,
    user: fields.user,
    text,
    ...(activity.id ? { activityId: activity.id } : {}),
  };
  // The answer takes longer than Bot Framework waits for this request: it continues after.
  void services.inFlight
    .track(turn.continueLater((sender) => answerInConversation(question, sender, services)))
    .catch((error: unknown) => {
      services.logger.error(
        { ...fields, reason: failureReason(error), err: error },
        'teams.continue_failed',
      );
    });
}

async function onConversationUpdate(turn: TeamsTurn, services: TeamsServices): Promise<void> {
  const { activity } = turn;
  const added = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient.id);
  if (!added) return;
  // Installing in a chat can announce the bot more than once: welcome once per conversation.
  if (
    !(await fromDatabase(
      services.conversations.claimEvent('teams', `welcome:${activity.conversation.id}`),
    ))
  )
    return;
  await turn.reply.send({ type: 'message', textFormat: 'markdown', text: teamsMessages.welcome });
  services.logger.info({ conversation: scopeIdOf(activity.conversation.id) }, 'teams.welcomed');
}

/** The adapter's last resort: a turn threw. The user still hears what happened. */
export async function reportTurnError(
  turn: TeamsTurn,
  error: unknown,
  services: TeamsServices,
): Promise<void> {
  const reference = newReference();
  const reason = failureReason(error);
  services.logger.error(
    {
      conversation: scopeIdOf(turn.activity.conversation.id),
      type: turn.activity.type,
      reference,
      reason,
      err: error,
    },
    'teams.turn_failed',
  );
  try {
    if (turn.activity.type === 'invoke') await turn.respondToInvoke(500);
    await turn.reply.send({ type: 'message', text: teamsMessages.unexpected(reason, reference) });
  } catch (reportError) {
    services.logger.error({ reference, err: reportError }, 'teams.failure_report_failed');
  }
}
