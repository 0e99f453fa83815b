import type { AnswerStatus, FailureReason } from './answer/answer.js';
import type { Refusal } from './conversation/question.js';
import type { KnowhowErrorCode } from './errors.js';
import type { SyncStatus } from './sync/sync-store.js';

/**
 * Everything the core reports to operators. Apps forward these to their logger. Events carry
 * names, counts and timings, never message text or document content.
 */
export type LogEvent =
  | {
      type: 'ingest.document';
      collection: string;
      source: string;
      outcome: 'added' | 'updated' | 'unchanged' | 'failed';
      chunks?: number;
      code?: KnowhowErrorCode;
      error?: string;
      durationMs: number;
    }
  | { type: 'ingest.pruned'; collection: string; source: string }
  | {
      type: 'ingest.finished';
      collection: string;
      added: number;
      updated: number;
      unchanged: number;
      removed: number;
      failed: number;
      chunks: number;
      durationMs: number;
    }
  | { type: 'embeddings.ready'; model: string; dimensions: number; durationMs: number }
  | { type: 'embeddings.unavailable'; model: string; error: string }
  | { type: 'embeddings.batch'; model: string; count: number; durationMs: number }
  | { type: 'embeddings.query_failed'; model: string; error: string }
  /** The store could not correct a question's spelling; it was embedded as typed. */
  | { type: 'search.spelling_failed'; error: string }
  | {
      type: 'ask';
      /** Correlates the answer with its failure and its feedback. */
      answerId: string;
      status: AnswerStatus;
      reason?: FailureReason;
      /** Passages retrieved, sources given to the model, sources cited. */
      hits: number;
      sources: number;
      citations: number;
      /** Whether a follow-up was rewritten into a standalone query. */
      condensed: boolean;
      firstTokenMs?: number;
      /** The asker's id (never the question). */
      asker?: string;
      durationMs: number;
    }
  | { type: 'ask.failed'; answerId: string; reason: FailureReason; error: string }
  | { type: 'ask.callback_failed'; answerId: string; error: string }
  | { type: 'rerank'; reranker: string; candidates: number; durationMs: number }
  | { type: 'rerank.failed'; reranker: string; error: string; durationMs: number }
  /** The reranker could not be loaded at start: searches keep the fused order. */
  | { type: 'rerank.unavailable'; reranker: string; error: string }
  /** The question was searched with `queries` rewrites (counted, never logged) besides itself. */
  | { type: 'rewrite'; mode: 'multi' | 'hyde'; queries: number; durationMs: number }
  /** The model failed or was too slow: the question was searched alone. */
  | { type: 'rewrite.failed'; mode: 'multi' | 'hyde'; error: string; durationMs: number }
  | ConversationEvent
  | {
      type: 'sync.item';
      source: string;
      /** The item's id at the source (a page id, a URL), never its content. */
      id: string;
      outcome: 'added' | 'updated' | 'unchanged' | 'deleted' | 'failed';
      code?: KnowhowErrorCode;
      error?: string;
      durationMs?: number;
    }
  | {
      type: 'sync.finished';
      source: string;
      status: SyncStatus;
      added: number;
      updated: number;
      deleted: number;
      unchanged: number;
      failed: number;
      error?: string;
      durationMs: number;
    }
  /** Another process is syncing the source. */
  | { type: 'sync.busy'; source: string }
  | { type: 'sync.source_removed'; source: string; deleted: number }
  | { type: 'sync.schedule_failed'; error: string }
  /** Refreshing planner statistics after a batch of writes failed; the writes stand. */
  | { type: 'store.statistics_failed'; error: string }
  | {
      type: 'search';
      mode: 'hybrid' | 'keyword' | 'vector';
      hits: number;
      collections: number;
      durationMs: number;
    };

/** Where a conversation event happened: never the question's text. */
interface ConversationFields {
  platform: string;
  kind: string;
  conversation: string;
  user: string;
}

/** The chat lifecycle's events, the same for every platform. */
export type ConversationEvent =
  | ({ type: 'conversation.duplicate' } & ConversationFields)
  | ({ type: 'conversation.refused'; refusal: Refusal['kind'] } & ConversationFields)
  | ({ type: 'conversation.question'; progressMs: number } & ConversationFields)
  | ({
      type: 'conversation.answered';
      answerId: string;
      status: AnswerStatus;
      reason?: FailureReason;
      durationMs: number;
    } & ConversationFields)
  | ({
      type: 'conversation.failed';
      code: KnowhowErrorCode;
      /** The surface's word for it, as the asker was told. */
      reason: string;
      reference: string;
      error: string;
    } & ConversationFields)
  | ({
      type: 'conversation.step_failed';
      /** What was skipped: the answer itself was still given (or its failure told). */
      step: 'history' | 'record' | 'link' | 'remember' | 'report_failure';
      code: KnowhowErrorCode;
      reason: string;
      reference?: string;
    } & ConversationFields);

export type Log = (event: LogEvent) => void;

/** Milliseconds since `started` (a performance.now() reading), rounded, for `durationMs`. */
export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
