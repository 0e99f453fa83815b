/**
 * The parts of Bot Framework activities Knowhow reads and writes, as plain structural types:
 * only `bot-framework.ts` knows the SDK, so replacing botbuilder touches nothing else.
 */
export interface IncomingActivity {
  readonly type: string;
  readonly id?: string;
  readonly name?: string;
  /** For messages: the text with Knowhow's own mention removed. */
  readonly text?: string;
  readonly value?: unknown;
  readonly replyToId?: string;
  readonly conversation: {
    readonly id: string;
    readonly conversationType?: string;
    readonly tenantId?: string;
  };
  readonly from: { readonly id: string; readonly aadObjectId?: string; readonly name?: string };
  readonly recipient: { readonly id: string; readonly name?: string };
  readonly membersAdded?: readonly { readonly id: string }[];
  readonly channelData?: { readonly tenant?: { readonly id?: string } };
}

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
  continueLater(work: (sender: ConversationSender) => Promise<void>): Promise<void>;
  /** The HTTP response to an invoke activity. */
  respondToInvoke(status: number, body?: unknown): Promise<void>;
}
