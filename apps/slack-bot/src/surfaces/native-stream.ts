import { streamToMessage } from '@knowhow/rag-core';
import type { types, webApi } from '@slack/bolt';
import { inertMarkdown } from '../render/inert-markdown.js';

/** Where a stream goes: Slack requires the thread and, in channels, who it is for. */
export interface StreamTarget {
  readonly channel: string;
  readonly thread_ts: string;
  readonly recipient_user_id: string;
  readonly recipient_team_id?: string;
}

/** An answer streamed with Slack's chat streaming (`chat.startStream` / `appendStream` / `stopStream`). */
export interface NativeStream {
  push(piece: string): void;
  /** Rejects when Slack refused to start the stream: the caller falls back to updates. */
  readonly started: Promise<void>;
  /** The answer's text so far, as the model wrote it. */
  readonly text: string;
  /** Sends the rest of `text` and closes the stream with `blocks` under it. */
  stop(text: string, closing: { blocks: types.KnownBlock[]; metadata?: object }): Promise<void>;
  /** Stops updating without closing (after a failed start). */
  abandon(): Promise<void>;
}

/**
 * Where the text may be cut for sending: after whitespace, and never inside a Markdown link
 * still being written, so each piece made inert on its own reads as the whole would.
 */
function safeEnd(text: string, from: number): number {
  const space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n')) + 1;
  if (space <= from) return from;
  const open = text.lastIndexOf('[', space);
  return open >= from && text.indexOf(')', open) < 0 ? Math.max(from, open) : space;
}

/**
 * Streams through @slack/web-api's ChatStreamer. The SDK buffers 256 characters before its
 * first call, which would hold the first words back: the buffer is 1, and the pace is ours
 * (the first words at once, then at most one call per interval).
 */
export function startNativeStream(
  client: webApi.WebClient,
  target: StreamTarget,
  options: { readonly intervalMs: number; readonly onError: (error: unknown) => void },
): NativeStream {
  const streamer = client.chatStream({ ...target, buffer_size: 1 });
  let text = '';
  let sent = 0;
  let resolveStarted: () => void = () => undefined;
  let rejectStarted: (error: unknown) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    resolveStarted = resolve;
    rejectStarted = reject;
  });
  // Rejection is the caller's to handle when it awaits `started`; none is unhandled.
  started.catch(() => undefined);
  let failedToStart = false;
  // Text for the stop call; cleared once Slack took it.
  let pending = '';
  const send = async (end: number): Promise<boolean> => {
    if (end <= sent || failedToStart) return false;
    const piece = inertMarkdown(text.slice(sent, end));
    const first = sent === 0;
    try {
      await streamer.append({ markdown_text: piece });
      sent = end;
      if (first) resolveStarted();
      return true;
    } catch (error) {
      if (first) {
        failedToStart = true;
        rejectStarted(error);
      } else {
        // The SDK keeps what it could not send in its buffer and sends it with the next call.
        sent = end;
      }
      throw error;
    }
  };
  const throttle = streamToMessage(async () => send(safeEnd(text, sent)), {
    intervalMs: options.intervalMs,
    firstDelayMs: 0,
    onError: options.onError,
  });
  return {
    push(piece) {
      text += piece;
      throttle.push(piece);
    },
    started,
    get text() {
      return text;
    },
    async stop(final, closing) {
      await throttle.finish();
      // The rest of the text goes with the stop call (retried as one, so sent once).
      let rest = '';
      if (final.startsWith(text.slice(0, sent)) && final.length > sent) {
        rest = inertMarkdown(final.slice(sent));
        text = final;
        sent = final.length;
      }
      if (rest) pending = rest;
      // Given to the SDK once: after a failed stop it keeps it in its buffer for the retry.
      const markdown = pending;
      pending = '';
      await streamer.stop({
        ...(markdown ? { markdown_text: markdown } : {}),
        blocks: closing.blocks,
        ...(closing.metadata ? { metadata: closing.metadata } : {}),
      } as Parameters<typeof streamer.stop>[0]);
    },
    abandon: () => throttle.finish(),
  };
}
