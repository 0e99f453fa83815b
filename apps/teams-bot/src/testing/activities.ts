import { randomUUID } from 'node:crypto';

/** Who is who in the fake tenant. */
export const fakeTeams = {
  bot: { id: '28:knowhow-bot', name: 'Knowhow' },
  tenantId: 'tenant-fernhill',
} as const;

export interface Person {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
}

export const person = (name: string): Person => ({
  id: `29:${name.toLowerCase()}`,
  aadObjectId: `aad-${name.toLowerCase()}`,
  name,
});

type Activity = Record<string, unknown>;

function base(serviceUrl: string, from: Person, conversation: Activity, extra: Activity): Activity {
  return {
    id: `activity-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: from.id, aadObjectId: from.aadObjectId, name: from.name },
    recipient: fakeTeams.bot,
    conversation: { tenantId: fakeTeams.tenantId, ...conversation },
    channelData: { tenant: { id: fakeTeams.tenantId } },
    locale: 'en-US',
    ...extra,
  };
}

/** A message in a 1:1 chat with the bot. */
export function personalMessage(options: {
  serviceUrl: string;
  from: Person;
  text: string;
  conversationId?: string;
}): Activity {
  return base(
    options.serviceUrl,
    options.from,
    {
      id: options.conversationId ?? `a:chat-${options.from.aadObjectId}`,
      conversationType: 'personal',
    },
    { type: 'message', text: options.text, textFormat: 'plain' },
  );
}

/** `@Knowhow …` in a channel thread (a new post starts its own thread). */
export function channelMention(options: {
  serviceUrl: string;
  from: Person;
  question: string;
  channelId: string;
  threadId: string;
}): Activity {
  const mention = `<at>${fakeTeams.bot.name}</at>`;
  return base(
    options.serviceUrl,
    options.from,
    {
      id: `${options.channelId};messageid=${options.threadId}`,
      conversationType: 'channel',
      isGroup: true,
    },
    {
      type: 'message',
      text: `${mention} ${options.question}`,
      textFormat: 'plain',
      entities: [{ type: 'mention', mentioned: fakeTeams.bot, text: mention }],
      channelData: {
        tenant: { id: fakeTeams.tenantId },
        teamsChannelId: options.channelId,
        channel: { id: options.channelId },
        team: { id: '19:team@thread.tacv2' },
      },
    },
  );
}

/** The bot was added to a conversation (installed in a chat, or to a team). */
export function botAdded(options: {
  serviceUrl: string;
  from: Person;
  conversationId: string;
  conversationType?: string;
}): Activity {
  return base(
    options.serviceUrl,
    options.from,
    { id: options.conversationId, conversationType: options.conversationType ?? 'personal' },
    {
      type: 'conversationUpdate',
      membersAdded: [{ id: fakeTeams.bot.id }, { id: options.from.id }],
    },
  );
}

/** 👍/👎 (with an optional comment) on one of the bot's messages, through Teams' feedback loop. */
export function feedbackInvoke(options: {
  serviceUrl: string;
  from: Person;
  conversationId: string;
  replyToId: string;
  reaction: 'like' | 'dislike';
  comment?: string;
}): Activity {
  return base(
    options.serviceUrl,
    options.from,
    { id: options.conversationId, conversationType: 'personal' },
    {
      type: 'invoke',
      name: 'message/submitAction',
      replyToId: options.replyToId,
      value: {
        actionName: 'feedback',
        actionValue: {
          reaction: options.reaction,
          feedback: JSON.stringify({ feedbackText: options.comment ?? '' }),
        },
      },
    },
  );
}

/** POSTs an activity to the bot, as the Bot Connector does. */
export async function postActivity(
  url: string,
  activity: Activity,
  token?: string,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(activity),
  });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}
