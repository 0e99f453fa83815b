import type { AnswerStatus, FailureReason } from './answer/answer.js';
import type { KnowhowErrorCode } from './errors.js';

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
  | {
      type: 'search';
      mode: 'hybrid' | 'keyword' | 'vector';
      hits: number;
      collections: number;
      durationMs: number;
    };

export type Log = (event: LogEvent) => void;

/** Milliseconds since `started` (a performance.now() reading), rounded, for `durationMs`. */
export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
