import { z } from 'zod';

/**
 * The parts of Bot Framework activities Knowhow reads and writes, as plain structural types:
 * only `bot-framework.ts` knows the SDK, so replacing botbuilder touches nothing else.
 */
// Only the fields Knowhow reads, from a request we do not trust: an activity without a
// conversation, a sender or a recipient is not one we can answer (400).
const optional = z.string().nullish();
export const incomingActivity = z.object({
  type: z.string().min(1),
  id: optional,
  name: optional,
  /** For messages: the text with Knowhow's own mention removed. */
  text: optional,
  value: z.unknown().optional(),
  replyToId: optional,
  conversation: z.object({
    id: z.string().min(1),
    conversationType: optional,
    tenantId: optional,
  }),
  from: z.object({ id: z.string().min(1), aadObjectId: optional, name: optional }),
  recipient: z.object({ id: z.string().min(1), name: optional }),
  membersAdded: z.array(z.object({ id: z.string() })).nullish(),
  channelData: z
    .object({ tenant: z.object({ id: optional }).nullish() })
    .nullish()
    .catch(undefined),
});

export type IncomingActivity = z.infer<typeof incomingActivity>;

/** A message or typing indicator to send. */
export interface OutgoingActivity {
  readonly type: 'message' | 'typing';
  readonly text?: string;
  readonly textFormat?: 'markdown' | 'plain';
  readonly entities?: readonly Record<string, unknown>[];
  readonly channelData?: Record<string, unknown>;
}

/** Sends into the conversation the turn came from (replying to its activity). */
export interface ConversationSender {
  /** Resolves with the posted message's id. */
  send(activity: OutgoingActivity): Promise<string | undefined>;
}

/** One incoming activity and the ways to answer it. */
export interface TeamsTurn {
  readonly activity: IncomingActivity;
  /** Sends while the request is open (quick replies: typing, welcome, help). */
  readonly reply: ConversationSender;
  /**
   * Runs `work` after the request has been answered, with a sender of its own: answers take
   * longer than Bot Framework waits for a response.
   */
  continueLater(work: (sender: ConversationSender) => Promise<unknown>): Promise<void>;
  /** The HTTP response to an invoke activity. */
  respondToInvoke(status: number, body?: unknown): Promise<void>;
}
