import type { AnswerStatus, ChatTurn, Citation } from '../answer/answer.js';

/** A chat platform's name, as its adapter calls itself: what is kept is kept per platform. */
export type Platform = string;

/** An answer as kept for feedback and sharing: what was asked, by whom, and what was said. */
export interface AnswerRecord {
  readonly id: string;
  readonly platform: Platform;
  readonly conversationId: string;
  readonly userId: string;
  readonly question: string;
  readonly status: AnswerStatus;
  readonly text: string;
  readonly citations: readonly Citation[];
}

export interface FeedbackInput {
  readonly answerId: string;
  readonly platform: Platform;
  readonly userId: string;
  readonly verdict: 'up' | 'down';
  /** Free text some platforms collect with the verdict (Teams). */
  readonly comment?: string;
}

/**
 * The chat bots' port: what they keep between requests, shared by every bot process through
 * the database. store-pgvector implements it.
 */
export interface ConversationStore {
  /**
   * Records that a platform event is being handled. False when it was already: a retried
   * delivery, possibly received by another process.
   */
  claimEvent(platform: Platform, eventId: string): Promise<boolean>;
  /** Forgets handled events older than the retry window. */
  forgetEventsBefore(cutoff: Date): Promise<number>;
  saveAnswer(answer: AnswerRecord): Promise<void>;
  findAnswer(id: string): Promise<AnswerRecord | undefined>;
  /** Keeps one verdict per user and answer (the latest). False when the answer is unknown. */
  saveFeedback(feedback: FeedbackInput): Promise<boolean>;
  /** The collections a conversation draws from; empty means all. */
  collectionsFor(platform: Platform, conversationId: string): Promise<string[]>;
  /** Sets (or, with an empty list, clears) a conversation's scope. */
  setCollections(
    platform: Platform,
    conversationId: string,
    collections: readonly string[],
  ): Promise<void>;
  listScopes(): Promise<{ platform: Platform; conversationId: string; collections: string[] }[]>;
  /**
   * Appends turns to a conversation's history, keeping only its latest `keep` turns (for
   * platforms whose history the bot cannot read back).
   */
  appendTurns(
    platform: Platform,
    conversationId: string,
    turns: readonly ChatTurn[],
    keep: number,
  ): Promise<void>;
  /** The latest turns, oldest first, at most `limit`, none older than `since` if given. */
  recentTurns(
    platform: Platform,
    conversationId: string,
    limit: number,
    since?: Date,
  ): Promise<ChatTurn[]>;
  /** Forgets stored turns older than the cutoff; resolves with how many. */
  forgetTurnsBefore(cutoff: Date): Promise<number>;
  /** Records that a posted message carries an answer (feedback names the message). */
  linkMessage(
    platform: Platform,
    conversationId: string,
    messageId: string,
    answerId: string,
  ): Promise<void>;
  answerIdForMessage(
    platform: Platform,
    conversationId: string,
    messageId: string,
  ): Promise<string | undefined>;
}
