import type { Platform } from './conversation-store.js';

/** A question as any chat platform hands it to the conversation lifecycle. */
export interface Question {
  readonly platform: Platform;
  /** How it was asked, for logs and metrics: `mention`, `direct_message`, `command`, … */
  readonly kind: string;
  /**
   * Identifies the delivery, so a retry, a redelivery or a second bot process answers it
   * once. Absent: not deduplicated.
   */
  readonly eventId?: string;
  /** Where the conversation's stored turns are kept: the thread, or the chat. */
  readonly conversationId: string;
  /** What scopes and message links are kept under: the channel (without the thread) or chat. */
  readonly scopeId: string;
  readonly user: string;
  /** Plain text, platform syntax (mentions, entities) already reduced to words. */
  readonly text: string;
  /** Stored turns older than this are not context (a chat is one long conversation). */
  readonly historySince?: Date;
}

/** Why a question is not answered; the surface words it. */
export type Refusal =
  | { readonly kind: 'empty' }
  | { readonly kind: 'help' }
  | { readonly kind: 'rate_limited'; readonly retryAfterSeconds: number };
