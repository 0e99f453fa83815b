import { fromDatabase } from '@knowhow/rag-core';
import { saveFeedback } from './feedback-invoke.js';
import { fromTeamsText } from './render/from-teams-text.js';
import { scopeIdOf } from './scope-id.js';
import type { TeamsTurn } from './teams-activity.js';
import { teamsMessages } from './teams-messages.js';
import type { TeamsServices } from './teams-services.js';
import { teamsSurface } from './teams-surface.js';

// A chat is one long conversation: an hour of it is context. A channel thread is its own.
const chatHistoryMs = 60 * 60 * 1000;

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
  services.log.warn({ type: 'teams.tenant_refused', tenant, activity: activity.type });
  return false;
}

/**
 * A message becomes a question; the lifecycle runs after the request is answered, since an
 * answer takes longer than Bot Framework waits (redeliveries are claimed, so answered once).
 */
function onMessage(turn: TeamsTurn, services: TeamsServices): void {
  const { activity } = turn;
  const conversationId = activity.conversation.id;
  const conversationType = activity.conversation.conversationType ?? 'personal';
  const scopeId = scopeIdOf(conversationId);
  const user = activity.from.aadObjectId ?? activity.from.id;
  const fields = { conversation: scopeId, user, activityId: activity.id };
  const question = {
    platform: 'teams',
    kind: conversationType,
    ...(activity.id ? { eventId: `${conversationId}:${activity.id}` } : {}),
    conversationId,
    scopeId,
    user,
    text: fromTeamsText(activity.text ?? ''),
    ...(conversationType === 'channel'
      ? {}
      : { historySince: new Date(Date.now() - chatHistoryMs) }),
  };
  void services.inFlight
    .track(
      turn.continueLater((sender) =>
        services.answerQuestion(
          question,
          teamsSurface({ conversationType, scopeId, fields }, sender, services),
        ),
      ),
    )
    .catch((error: unknown) => {
      services.log.error({ type: 'teams.continue_failed', ...fields }, error);
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
  services.log.info({ type: 'teams.welcomed', conversation: scopeIdOf(activity.conversation.id) });
}

/** The adapter's last resort: a turn threw. The user still hears what happened. */
export function reportTurnError(
  turn: TeamsTurn,
  error: unknown,
  services: TeamsServices,
): Promise<void> {
  const { activity } = turn;
  const event = {
    type: 'teams.turn_failed',
    conversation: scopeIdOf(activity.conversation.id),
    activity: activity.type,
  } as const;
  return services.reportFailure(event, error, async (reason, reference) => {
    if (activity.type === 'invoke') await turn.respondToInvoke(500);
    await turn.reply.send({ type: 'message', text: teamsMessages.unexpected(reason, reference) });
  });
}
