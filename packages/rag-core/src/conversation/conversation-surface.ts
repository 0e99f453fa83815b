import type { Answer, ChatTurn } from '../answer/answer.js';
import type { KnowhowError } from '../errors.js';
import type { Refusal } from './question.js';

/** A failure to tell the asker about: what broke, and the reference support can look up. */
export interface ConversationFailure {
  readonly error: KnowhowError;
  /** The surface's word for it (`slack_rate_limited`, `database_unavailable`). */
  readonly reason: string;
  readonly reference: string;
}

/**
 * What a chat platform implements for one question: the lifecycle decides what happens and
 * when, the surface how it looks there. Made per question, so it may keep its own state
 * (a placeholder message, a stream).
 */
export interface ConversationSurface {
  /**
   * The earlier turns, read back from the platform (a Slack thread). Absent: the platform
   * cannot, so the lifecycle keeps and reads the conversation's turns itself.
   */
  readonly readHistory?: () => Promise<readonly ChatTurn[]>;
  refuse(refusal: Refusal): Promise<void>;
  /** The delivery was answered already (a retry or replay): acknowledge it, say nothing. */
  readonly duplicate?: () => Promise<void>;
  /** Shows at once that the question is being worked on (a status, a placeholder, typing). */
  acknowledge(): Promise<void>;
  /** Answer text as it is generated, valid citations only; streaming surfaces show it. */
  readonly write?: (text: string) => void;
  /** Shows the final answer; resolves with the ids of the messages that carry it. */
  deliver(answer: Answer, options: { readonly feedback: boolean }): Promise<readonly string[]>;
  fail(failure: ConversationFailure): Promise<void>;
}
