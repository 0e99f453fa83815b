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
  /** The answer's text so far, as the model wrote it. */
  readonly text: string;
  /**
   * Stops sending pieces; says whether Slack shows a stream (else nothing was written yet, or
   * Slack refused to start one and `refusal` says why: the caller falls back to updates).
   */
  settle(): Promise<{ readonly streaming: boolean; readonly refusal?: unknown }>;
  /** Sends the rest of `text` and closes the stream with `blocks` under it. */
  stop(text: string, closing: { blocks: types.KnownBlock[]; metadata?: object }): Promise<void>;
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
 * Starts the stream with the first words (the SDK's ChatStreamer would buffer 256 characters
 * first), then appends at most once per interval. A failed append is sent again with the next.
 */
export function startNativeStream(
  client: webApi.WebClient,
  target: StreamTarget,
  options: { readonly intervalMs: number; readonly onError: (error: unknown) => void },
): NativeStream {
  let text = '';
  let sent = 0;
  let ts: string | undefined;
  let refusal: unknown;
  const send = async (end: number): Promise<boolean> => {
    if (end <= sent || refusal !== undefined) return false;
    const markdown_text = inertMarkdown(text.slice(sent, end));
    if (ts) {
      await client.chat.appendStream({ channel: target.channel, ts, markdown_text });
    } else {
      try {
        ts = (await client.chat.startStream({ ...target, markdown_text })).ts ?? '';
      } catch (error) {
        refusal = error;
        throw error;
      }
    }
    sent = end;
    return true;
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
    get text() {
      return text;
    },
    async settle() {
      await throttle.finish();
      // Words written but not sent yet still start the stream; its stop sends the rest.
      if (ts === undefined && text) await send(text.length).catch(() => undefined);
      return { streaming: ts !== undefined, ...(refusal === undefined ? {} : { refusal }) };
    },
    // The rest of the text goes with the stop call, so a retried stop sends it once.
    async stop(final, closing) {
      const rest = final.startsWith(text.slice(0, sent)) ? final.slice(sent) : '';
      await client.chat.stopStream({
        channel: target.channel,
        ts: ts ?? '',
        ...(rest ? { markdown_text: inertMarkdown(rest) } : {}),
        blocks: closing.blocks,
        ...(closing.metadata ? { metadata: closing.metadata } : {}),
      } as webApi.ChatStopStreamArguments);
    },
  };
}
