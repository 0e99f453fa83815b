/** A message as the fake Slack keeps it. */
export interface FakeMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs?: string;
  readonly user?: string;
  readonly botId?: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** chat.update calls that changed it. */
  updates: number;
  /** Open for chat.appendStream (between chat.startStream and chat.stopStream). */
  streaming?: boolean;
  /** chat.appendStream calls that added to it. */
  appends?: number;
}

/** The channels, threads and DMs of the fake workspace. */
export class FakeChannels {
  readonly #messages: FakeMessage[] = [];
  readonly #base = Math.floor(Date.now() / 1000);
  #counter = 0;

  /** Increasing message timestamps, as Slack's "seconds.micros". */
  nextTs(): string {
    this.#counter += 1;
    return (this.#base + this.#counter / 1_000_000).toFixed(6);
  }

  add(message: Omit<FakeMessage, 'ts' | 'updates'> & { ts?: string }): FakeMessage {
    const stored: FakeMessage = { ...message, ts: message.ts ?? this.nextTs(), updates: 0 };
    this.#messages.push(stored);
    return stored;
  }

  find(channel: string, ts: string): FakeMessage | undefined {
    return this.#messages.find((message) => message.channel === channel && message.ts === ts);
  }

  /** Every message of a channel, oldest first. */
  in(channel: string): FakeMessage[] {
    return this.#messages.filter((message) => message.channel === channel);
  }

  /** A thread: its first message and replies, oldest first. */
  thread(channel: string, threadTs: string): FakeMessage[] {
    return this.in(channel).filter(
      (message) => message.ts === threadTs || message.threadTs === threadTs,
    );
  }

  /** Top-level messages (and thread parents), oldest first. */
  topLevel(channel: string): FakeMessage[] {
    return this.in(channel).filter(
      (message) => message.threadTs === undefined || message.threadTs === message.ts,
    );
  }
}

/** A stored message as conversations.replies / conversations.history return it. */
export function asApiMessage(message: FakeMessage, withMetadata: boolean): Record<string, unknown> {
  return {
    type: 'message',
    ts: message.ts,
    text: message.text,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.user ? { user: message.user } : {}),
    ...(message.botId ? { bot_id: message.botId } : {}),
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}),
  };
}
