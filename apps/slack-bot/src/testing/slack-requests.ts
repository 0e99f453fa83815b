import { createHmac, randomUUID } from 'node:crypto';
import { fakeBot } from './fake-slack-server.js';

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  /** Seconds since the epoch; default now. */
  readonly timestamp?: number;
  /** Sent instead of the correct signature. */
  readonly signature?: string;
  /** Slack's retry headers. */
  readonly retryNum?: number;
}

export interface PostResult {
  readonly status: number;
  readonly body: string;
  /** From sending the request to the response being read. */
  readonly ms: number;
}

/** POSTs a request body the way Slack does, signed with the signing secret. */
export async function postSigned(
  url: string,
  request: { readonly body: string; readonly contentType: string },
  secret: string,
  options: SignedPostOptions = {},
): Promise<PostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': request.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, request.body),
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body: request.body,
  });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

interface EventMessage {
  readonly channel: string;
  readonly user: string;
  readonly text: string;
  readonly ts: string;
  readonly threadTs?: string;
}

/** The Events API envelope of an event (`event_callback`), as Slack sends it. */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
) {
  return {
    token: 'legacy-verification-token',
    team_id: fakeBot.teamId,
    api_app_id: 'AKNOWHOW',
    event: { ...event, event_ts: event['ts'] },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: fakeBot.teamId, user_id: fakeBot.userId, is_bot: true }],
  };
}

/** `@Knowhow <question>` in a channel (or in a thread, with threadTs). */
export function mentionEvent(message: EventMessage, eventId?: string) {
  return eventEnvelope(
    {
      type: 'app_mention',
      user: message.user,
      text: message.text,
      ts: message.ts,
      channel: message.channel,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    },
    eventId,
  );
}

/** A message in the bot's DM. */
export function directMessageEvent(
  message: EventMessage,
  extra: Record<string, unknown> = {},
  eventId?: string,
) {
  return eventEnvelope(
    {
      type: 'message',
      channel_type: 'im',
      user: message.user,
      text: message.text,
      ts: message.ts,
      channel: message.channel,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...extra,
    },
    eventId,
  );
}

/** A slash command's fields, as Slack form-encodes them. */
export function commandFields(command: {
  command?: string;
  text: string;
  channel: string;
  user: string;
  responseUrl: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: fakeBot.teamId,
    team_domain: 'fernhill',
    channel_id: command.channel,
    channel_name: 'general',
    user_id: command.user,
    user_name: command.user.toLowerCase(),
    command: command.command ?? '/kb',
    text: command.text,
    api_app_id: 'AKNOWHOW',
    response_url: command.responseUrl,
    trigger_id: randomUUID(),
  };
}

/** A click on a button of a message (`block_actions`). */
export function buttonClick(click: {
  actionId: string;
  value: string;
  user: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  ephemeral?: boolean;
  responseUrl: string;
}) {
  return {
    type: 'block_actions',
    user: { id: click.user, username: click.user.toLowerCase(), team_id: fakeBot.teamId },
    api_app_id: 'AKNOWHOW',
    token: 'legacy-verification-token',
    team: { id: fakeBot.teamId, domain: 'fernhill' },
    container: {
      type: 'message',
      message_ts: click.messageTs,
      channel_id: click.channel,
      is_ephemeral: click.ephemeral === true,
      ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
    },
    channel: { id: click.channel, name: 'general' },
    trigger_id: randomUUID(),
    response_url: click.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: click.actionId,
        block_id: 'knowhow_answer_actions',
        value: click.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

/** Request bodies as the HTTP Events API sends them. */
export const httpBody = {
  event: (envelope: object) => ({
    body: JSON.stringify(envelope),
    contentType: 'application/json',
  }),
  command: (fields: Record<string, string>) => ({
    body: new URLSearchParams(fields).toString(),
    contentType: 'application/x-www-form-urlencoded',
  }),
  interaction: (payload: object) => ({
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  }),
};
