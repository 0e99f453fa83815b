import type { KnowhowErrorCode } from '../errors.js';

/** One earlier turn of the conversation (a thread or a DM), oldest first. */
export interface ChatTurn {
  readonly role: 'user' | 'assistant';
  readonly text: string;
  /** For a user turn: the standalone query it was searched as, when known (keeps chains of
   * follow-ups in context without a language model). */
  readonly query?: string;
}

/** Who asks; carried into logs by id only. */
export interface Asker {
  readonly id: string;
  readonly name?: string;
}

export interface AskRequest {
  readonly question: string;
  readonly history?: readonly ChatTurn[];
  /** Only these collections; absent or empty means all. */
  readonly collections?: readonly string[];
  readonly asker?: Asker;
  /** Receives the answer text as it is generated, already with valid citations only. */
  readonly onToken?: (text: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * - `answered`: generated from the sources, citing them.
 * - `uncited`: generated but citing no source: never present it as grounded.
 * - `excerpts`: the text quotes the most relevant sentences: no language model is configured,
 *   or (with `reason` llm_unavailable or llm_timeout) it could not be reached in time.
 * - `not_found`: nothing relevant in the knowledge base (or the model said so).
 * - `failed`: see `reason`; the text is empty and the caller explains.
 */
export type AnswerStatus = 'answered' | 'uncited' | 'excerpts' | 'not_found' | 'failed';

/** Why an answer failed: the answering part of the one error vocabulary. */
export type FailureReason = Extract<
  KnowhowErrorCode,
  | 'invalid_question'
  | 'cancelled'
  | 'database_unavailable'
  | 'llm_timeout'
  | 'llm_rate_limited'
  | 'llm_unauthorized'
  | 'llm_unavailable'
  | 'llm_failed'
>;

export interface Citation {
  /** The number used in the answer text: `[n]`. */
  readonly n: number;
  readonly title: string;
  readonly source: string;
  readonly collection: string;
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
  readonly heading: string | null;
  readonly url: string | null;
  /** For previews (Teams citation cards): the start of the passage, or of what an excerpts
   * answer quoted of it. */
  readonly excerpt: string;
}

export interface Answer {
  /** Identifies the answer for feedback. */
  readonly id: string;
  readonly status: AnswerStatus;
  /** Markdown with `[n]` citations; when failed, whatever was written before the failure. */
  readonly text: string;
  readonly citations: readonly Citation[];
  /** Why it failed; on `excerpts`, why the configured model did not write it. */
  readonly reason?: FailureReason;
  /** The model's `host:port` (never its key), when it could not be reached or failed. */
  readonly modelHost?: string;
  /** On `not_found`: the collections searched hold no documents at all. */
  readonly knowledgeBaseEmpty?: boolean;
  /** The search query used: the question, made standalone for follow-ups. */
  readonly query: string;
  /** Collections searched; empty means all. */
  readonly collections: readonly string[];
  readonly durationMs: number;
}
