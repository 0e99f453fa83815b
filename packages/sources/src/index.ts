export type { RetryNotice } from './http/http-client.js';
export { isSourceError, SourceError, type SourceErrorCode } from './source-error.js';
export type { SourceContext, SourceType } from './source-type.js';
export { sourceTypes } from './source-types.js';
