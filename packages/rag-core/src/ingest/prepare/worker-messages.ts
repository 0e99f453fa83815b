import type { KnowhowErrorCode } from '../../errors.js';
import type { PreparedDocument, PrepareOptions, PrepareRequest } from './prepare-document.js';

export interface WorkerRequest {
  readonly id: number;
  readonly request: PrepareRequest;
  readonly options: PrepareOptions;
}

/** `ready` once the worker has loaded its parsers, then one reply per request. */
export type WorkerReply =
  | 'ready'
  | { readonly id: number; readonly ok: true; readonly document: PreparedDocument }
  | {
      readonly id: number;
      readonly ok: false;
      readonly code: KnowhowErrorCode;
      readonly message: string;
    };
