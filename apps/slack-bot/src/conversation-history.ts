import type { ChatTurn } from '@knowhow/rag-core';
import type { webApi } from '@slack/bolt';
import { answerEventType } from './answer-metadata.js';
import { fromSlackText } from './render/from-slack-text.js';

/** Who the bot is in the workspace: its own messages are read back as its answers. */
export interface BotIdentity {
  readonly botUserId?: string;
  readonly botId?: string;
}

/** Where a question was asked and who the bot is there. */
export interface HistoryRequest extends BotIdentity {
  readonly channel: string;
  /** The question's own message, which the history ends before. */
  readonly ts: string;
  readonly threadTs?: string;
  readonly isDirect: boolean;
  readonly limit: number;
}

type Message = NonNullable<webApi.ConversationsRepliesResponse['messages']>[number];

// A DM is one long conversation; only its last hour is context for a follow-up.
const directMessageWindowSeconds = 3600;
// Replies come oldest first; a long thread is paged through up to this many messages.
const threadPage = 200;
const threadPages = 5;
const keptSubtypes = new Set(['thread_broadcast', 'file_share']);

/**
 * The earlier turns of a thread (`conversations.replies`) or of a DM outside threads
 * (`conversations.history`), oldest first: the thread's first message and the latest others,
 * at most `limit`. Other bots and Knowhow's progress and error messages are left out.
 */
export async function readHistory(
  client: Pick<webApi.WebClient, 'conversations'>,
  request: HistoryRequest,
): Promise<ChatTurn[]> {
  if (request.limit === 0) return [];
  let messages: Message[];
  if (request.threadTs) {
    const earlier = await threadBefore(client, request.channel, request.threadTs, request.ts);
    messages =
      earlier.length > request.limit
        ? [...earlier.slice(0, 1), ...earlier.slice(1 - request.limit)].slice(0, request.limit)
        : earlier;
  } else if (request.isDirect) {
    const result = await client.conversations.history({
      channel: request.channel,
      latest: request.ts,
      oldest: String(Number(request.ts) - directMessageWindowSeconds),
      inclusive: false,
      limit: request.limit,
      include_all_metadata: true,
    });
    messages = (result.messages ?? []).toReversed();
  } else {
    return [];
  }
  return toTurns(messages, request);
}

/** The thread's messages before `ts`, oldest first (the first 1,000 of a very long thread). */
async function threadBefore(
  client: Pick<webApi.WebClient, 'conversations'>,
  channel: string,
  threadTs: string,
  ts: string,
): Promise<Message[]> {
  const messages: Message[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < threadPages; page += 1) {
    const result = await client.conversations.replies({
      channel,
      ts: threadTs,
      latest: ts,
      inclusive: false,
      limit: threadPage,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    messages.push(...(result.messages ?? []));
    cursor = result.response_metadata?.next_cursor;
    if (!result.has_more || !cursor) break;
  }
  return messages.filter((message) => message.ts !== undefined && Number(message.ts) < Number(ts));
}

function toTurns(messages: readonly Message[], request: HistoryRequest): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const message of messages) {
    const own =
      (request.botUserId !== undefined && message.user === request.botUserId) ||
      (request.botId !== undefined && message.bot_id === request.botId);
    if (own) {
      // Slack types the payload as {}: it is whatever the writer put there, which is us.
      const payload =
        message.metadata?.event_type === answerEventType
          ? (message.metadata.event_payload as Record<string, unknown> | undefined)
          : undefined;
      if (!payload || payload['status'] === 'failed') continue;
      const previous = turns.at(-1);
      if (previous?.role === 'user' && typeof payload['query'] === 'string') {
        turns[turns.length - 1] = { ...previous, query: payload['query'] };
      }
      turns.push({ role: 'assistant', text: fromSlackText(message.text ?? '') });
      continue;
    }
    // Slack's type omits it, but joins, topic changes and the like carry a subtype.
    const subtype = (message as { subtype?: string }).subtype;
    if (message.bot_id !== undefined || (subtype && !keptSubtypes.has(subtype))) continue;
    const text = fromSlackText(message.text ?? '', request.botUserId);
    if (text) turns.push({ role: 'user', text });
  }
  return turns;
}
