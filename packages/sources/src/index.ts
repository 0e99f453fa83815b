export type { RetryNotice } from './http/http-client.js';
export { isSourceError, type SourceFailure, sourceError, statusOf } from './source-error.js';
export type { SourceContext, SourceType } from './source-type.js';
export { sourceTypes } from './source-types.js';
