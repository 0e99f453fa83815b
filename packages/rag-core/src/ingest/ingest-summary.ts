import type { KnowhowErrorCode } from '../errors.js';

export interface IngestFailure {
  readonly path: string;
  readonly code: KnowhowErrorCode;
  /** Short reason naming the problem, e.g. `63.2 MB is over the 50.0 MB limit`. */
  readonly message: string;
}

export interface IngestSummary {
  readonly collection: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Sources of documents removed by `prune`. */
  readonly removed: string[];
  readonly failed: IngestFailure[];
  /** Files skipped because their type is not supported. */
  readonly unsupported: string[];
  /** Files left for the next run because the run was interrupted. */
  readonly notProcessed: number;
  /** Passages written by this run. */
  readonly chunks: number;
  /** Passages that got vectors of the active model in this run. */
  readonly embedded: number;
  /** Set when vectors could not be built; affected passages are keyword-searchable until the next run. */
  readonly embeddingProblem?: IngestFailure;
  readonly seconds: number;
}

/** Reported before each file (`source` is the file about to be read) and once at the end. */
export interface IngestProgress {
  readonly done: number;
  readonly total: number;
  readonly source: string;
}
